"""After the rules: what a document's comments suppress (MED001/MED002 for comments that do
nothing), per-file ignores, duplicates, and a run's filters (baseline, changed lines)."""
