from pathlib import Path

import httpx

from rasmi.connectors.registry import connector_for
from rasmi.connectors.testing import ReplayTransport

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "page-token-123"
TEXT = ("Kaunter JPJ Wangsa Maju dibuka pada hari Sabtu ini dari 8 pagi hingga 1 petang untuk "
        "pembaharuan lesen memandu. Terima kasih.")


def replay(platform: str, name: str, **options):
    """The real connector class, its httpx client answering from a recorded file."""
    transport = ReplayTransport(ROOT / platform / "fixtures" / f"{name}.json")
    connector = connector_for(platform, TOKEN, client=httpx.Client(transport=transport))
    for key, value in options.items():
        setattr(connector, key, value)
    return connector, transport


def assert_token_kept_out(transport, error=None):
    for request in transport.requests:
        assert TOKEN not in str(request.url)
    if error is not None:
        assert TOKEN not in str(error) and TOKEN not in error.message
