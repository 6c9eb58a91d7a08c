"""Analysis of a parsed document that rules read: the article's type (classify), its sentences
(nlp) and its readability; the claim analysis is `medlint.claims`."""
