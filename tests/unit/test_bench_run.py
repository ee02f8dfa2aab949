"""How the benchmark turns repeated runs into the figures its targets are judged on (no build:
literal run times)."""

from __future__ import annotations

from bench.generate import Manifest
from bench.run import Run, SizeResult, fastest, growth, targets, typical_wall


def _size(
    pages: int, plain: list[float], warm: list[float], cold: list[float] | None = None
) -> SizeResult:
    size = SizeResult(pages, Manifest(pages=pages, seed=1, port=1))
    size.runs["plain"] = fastest([Run("plain", wall, wall, 100) for wall in plain])
    size.runs["cold"] = fastest([Run("full-cold", wall, wall, 100) for wall in cold or warm])
    size.runs["warm"] = fastest(
        [Run("full-warm", wall, wall, 100 + n) for n, wall in enumerate(warm)]
    )
    return size


def test_fastest_keeps_the_fastest_run_the_largest_peak_and_the_median() -> None:
    runs = [Run("warm", 12.0, 13.0, 70), Run("warm", 10.0, 11.0, 90), Run("warm", 11.0, 12.0, 80)]
    best = fastest(runs)
    assert (best.wall, best.cpu, best.peak_kb, best.repeats) == (10.0, 11.0, 90, 3)
    assert best.median_wall == 11.0
    assert typical_wall(best) == 11.0


def test_typical_wall_of_a_single_run_is_its_wall_time() -> None:
    assert typical_wall(Run("serve", 17.5, 0.0, 1)) == 17.5


def test_growth_compares_the_medians_and_shows_the_fastest_runs_beside_them() -> None:
    # The fastest 1,000-page build caught a fast moment (8.0 s); the warm medians are 10 and 52.
    small = _size(1000, plain=[9.0, 8.0, 9.5], warm=[8.0, 10.0, 11.0])
    large = _size(5000, plain=[47.0, 46.0, 48.0], warm=[50.0, 52.0, 53.0])
    target = growth(small, large)
    assert target.met is True
    assert target.value == ("5.20x (plain build: 5.22x; fastest runs: full 6.25x, plain 5.75x)")
    assert "median of the runs: at most 5.5x" in target.text


def test_growth_above_the_limit_is_not_met() -> None:
    small = _size(1000, plain=[9.0], warm=[10.0])
    large = _size(5000, plain=[50.0], warm=[56.0])
    target = growth(small, large)
    assert target.met is False
    assert target.value.startswith("5.60x")


def test_the_warm_and_cold_targets_are_judged_on_the_medians() -> None:
    # Fastest runs: 10.0 against 8.0 (1.25x, met); medians: 11.0 against 8.5 (1.29x, not met).
    small = _size(1000, plain=[8.0, 8.5, 9.0], warm=[10.0, 11.0, 11.5], cold=[11.0, 12.0, 12.5])
    found = {t.text: t for t in targets({1000: small})}
    warm = found["Full build, warm link cache, 1,000 pages, median of the runs: at most 1.25x"]
    assert (warm.met, warm.value) == (False, "1.29x (fastest runs: 1.25x)")
    cold = found["Full build, cold link cache, 1,000 pages, median of the runs: at most 1.6x"]
    assert (cold.met, cold.value) == (True, "1.41x (fastest runs: 1.38x)")


def test_the_builds_reports_of_links_between_pages_are_counted() -> None:
    from bench.run import found_in_build

    manifest = Manifest(pages=1000, seed=1, port=1)
    run = Run("full-warm", 1.0, 1.0, 1)
    message = "the link '../old.md' points to 'services/old.md', which is not a file of this site"
    result = {
        "warnings": [],
        "findings": [
            {"check": "links", "silenced": False, "page": "services/a.md", "message": message},
            {"check": "links", "silenced": False, "page": "a.md", "message": "'x' is fine"},
        ],
    }
    found_in_build(run, result, manifest)
    assert run.internal == {("services/a.md", "../old.md")}
