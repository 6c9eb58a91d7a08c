"""The sentence pipeline: medlint's own splitter by default, with no spaCy import; a configured
model that is missing, or a layer no pipeline provides, fails loudly."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

from medlint.analysis.nlp import Pipeline, PipelineError
from medlint.document import Block, BlockKind
from medlint.prose import Prose
from medlint.sentences import sentence_spans


def test_missing_model_and_missing_layer_fail_loudly() -> None:
    with pytest.raises(PipelineError, match="not installed"):
        _ = Pipeline("no_such_model_xyz").nlp
    with pytest.raises(PipelineError, match="'pos'"):
        Pipeline().require(["pos"])
    with pytest.raises(PipelineError, match="unknown NLP layer"):
        Pipeline().require(["morphs"])
    Pipeline().require(["sentences"])


def test_the_default_pipeline_fills_sentences_from_medlint_sentences() -> None:
    prose = Prose()
    prose.append_run("It works. Ask Dr. Patel about H. pylori first.", 0)
    block = Block(BlockKind.PARAGRAPH, prose)
    Pipeline().add_sentences([block])
    assert block.sentences == sentence_spans(block.text) == [(0, 9), (10, 46)]


def test_linting_imports_no_spacy() -> None:
    """A pre-commit hook pays for every import on every commit, and importing spaCy was most of
    a cold start: the default rules lint without it."""
    article = ROOT / "examples" / "back-injections-draft.md"
    code = (
        "import sys\n"
        "from medlint.cli import main\n"
        f"code = main(['check', '--no-cache', '--format', 'json', {str(article)!r}])\n"
        "assert code == 1, code\n"
        "print('spacy' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "False"
