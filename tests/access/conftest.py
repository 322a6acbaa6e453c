"""The access tests' month. Their world of two OPDs (everything an URL can point at) is the
`world` fixture of tests/access/world.py, shared with the browser's page tests."""

import datetime
import zoneinfo

import pytest
import time_machine


@pytest.fixture(autouse=True)
def in_the_world_s_month():
    """Today is 5 November 2025: the month OPDs report (October) is the world's, whatever the
    real date (a month of a year not opened yet has a page of its own)."""
    now = datetime.datetime(2025, 11, 5, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta"))
    with time_machine.travel(now, tick=True):
        yield
