"""The plugin is installed into every pytest run of the environment: it must cost nothing until used."""
from __future__ import annotations

import subprocess
import sys

import pytest

from emulator import pytest_plugin

HEAVY = ("starlette", "pydantic", "faker", "httpx", "uvicorn", "yaml", "tinydb", "reportlab", "emulator.world", "emulator.worlds")


def test_importing_the_plugin_imports_nothing_heavy():
    probe = (
        "import sys, emulator.pytest_plugin\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_run_without_its_fixtures_never_loads_the_emulator(pytester):
    pytester.makeini("[pytest]\n")
    pytester.makepyfile(
        test_plain=f"""
        import sys

        def test_plain():
            assert sorted(m for m in {HEAVY!r} if m in sys.modules) == []
        """
    )
    # faker, a dependency, registers a pytest plugin of its own that imports faker: not ours to judge;
    # respx (a test tool of this checkout, not a user's dependency) imports httpx in its own
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:faker", "-p", "no:respx")
    result.assert_outcomes(passed=1)


def test_emulator_loads_on_first_use_of_a_fixture(pytester):
    pytester.makeini("[pytest]\n")
    pytester.makepyfile(
        test_uses="""
        import sys

        def test_before():
            assert "emulator.world" not in sys.modules

        def test_uses(shopee):
            assert "emulator.world" in sys.modules and shopee.shops.marts()
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:randomly")
    result.assert_outcomes(passed=2)


FIXTURES = ("shopee_seed", "shopee", "shopee_scenario_result", "shopee_http", "shopee_client", "shopee_server", "shopee_push_sink")


@pytest.mark.parametrize("name", FIXTURES)
def test_every_fixture_has_a_docstring(name):
    fixture = getattr(pytest_plugin, name)
    wrapped = getattr(fixture, "__wrapped__", None) or getattr(fixture, "_get_wrapped_function", lambda: fixture)()
    assert (wrapped.__doc__ or "").strip(), name


def test_fixtures_listing_shows_every_docstring(pytester):
    pytester.makeini("[pytest]\n")
    result = pytester.runpytest_subprocess("--fixtures", "-p", "no:cacheprovider")
    text = result.stdout.str()
    for name in FIXTURES:
        block = text.split(f"\n{name}", 1)[1].split("\n\n", 1)[0]
        assert "no docstring available" not in block, name
        assert len(block.splitlines()) >= 2, (name, block)
