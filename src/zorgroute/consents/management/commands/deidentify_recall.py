from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from zorgroute.consents.deidentify import deidentify, get_engine
from zorgroute.consents.tests.deidentify_fixtures import ALL_NOTES, HELD_OUT_NOTES, Evaluation, evaluate


class Command(BaseCommand):
    help = (
        "Measure the de-identifier on the fictitious care notes of consents/tests/deidentify_fixtures.py: "
        "recall per category and mean milliseconds per note (after warm-up). -v 2 lists every miss."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rounds", type=int, default=5, help="times to run every note, for the timing")

    def handle(self, *args: Any, **options: Any) -> None:
        get_engine()
        deidentify("Jan Jansen woont in Amersfoort.")  # warm-up: engine loaded, code paths compiled
        every = evaluate(deidentify, ALL_NOTES, rounds=options["rounds"])
        held_out = evaluate(deidentify, HELD_OUT_NOTES)
        self._table(f"All {len(ALL_NOTES)} notes", every, options["verbosity"])
        self._table(
            f"Held-out {len(HELD_OUT_NOTES)} notes (not used for tuning)", held_out, options["verbosity"]
        )
        self.stdout.write(
            f"\nMean {every.mean_ms:.2f} ms per note ({options['rounds']} rounds, after warm-up)"
        )
        if every.lost_words:
            self.stdout.write(f"Ordinary words lost: {every.lost_words}")

    def _table(self, title: str, evaluation: Evaluation, verbosity: int) -> None:
        self.stdout.write(f"\n{title}\n{'category':<16}{'count':>7}{'found':>7}{'recall':>9}")
        for result in evaluation.categories:
            self.stdout.write(f"{result.label:<16}{result.total:>7}{result.found:>7}{result.recall:>9.1%}")
            if verbosity > 1:
                for key, value in result.misses:
                    self.stdout.write(f"    missed in {key}: {value}")
