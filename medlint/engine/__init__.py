"""The engine: a document x the selected rules -> findings, within CPU budgets, with the
sentence pipeline scheduled around the rules' own work."""

from medlint.engine.budgets import BudgetExceeded
from medlint.engine.linter import FileOutcome, Linter

__all__ = ["BudgetExceeded", "FileOutcome", "Linter"]
