"""Which connector serves which platform."""

import httpx

from rasmi.connectors.base import Connector
from rasmi.connectors.facebook.client import FacebookConnector
from rasmi.connectors.instagram.client import InstagramConnector
from rasmi.connectors.tiktok.client import TikTokConnector
from rasmi.connectors.x.client import XConnector
from rasmi.connectors.youtube.client import YouTubeConnector

CONNECTORS: dict[str, type[Connector]] = {
    c.platform: c for c in (FacebookConnector, InstagramConnector, XConnector,
                            TikTokConnector, YouTubeConnector)}
PLATFORMS_WITH_CONNECTOR = frozenset(CONNECTORS)


class UnknownPlatform(KeyError):
    pass


def connector_for(platform: str, token: str, *, client: httpx.Client | None = None) -> Connector:
    try:
        cls = CONNECTORS[platform]
    except KeyError:
        raise UnknownPlatform(platform) from None
    return cls(token, client=client)
