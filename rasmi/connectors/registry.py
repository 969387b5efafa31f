"""Which connector serves which platform. Slugs are rasmi.core.platforms codes."""

import httpx

from rasmi.connectors.base import Connector
from rasmi.connectors.facebook.client import FacebookConnector
from rasmi.connectors.instagram.client import InstagramConnector
from rasmi.connectors.tiktok.client import TikTokConnector
from rasmi.connectors.x.client import XConnector
from rasmi.connectors.youtube.client import YouTubeConnector

CONNECTORS: dict[str, type[Connector]] = {
    cls.platform: cls for cls in (FacebookConnector, InstagramConnector, XConnector,
                                  TikTokConnector, YouTubeConnector)}
PLATFORMS_WITH_CONNECTOR: frozenset[str] = frozenset(CONNECTORS)


class UnknownPlatform(KeyError):
    """No connector publishes to this platform (yet)."""

    def __str__(self) -> str:
        return f"no publishing connector for platform {self.args[0]!r}"


def connector_for(platform: str, token: str, *,
                  client: httpx.Client | None = None) -> Connector:
    try:
        cls = CONNECTORS[platform]
    except KeyError:
        raise UnknownPlatform(platform) from None
    return cls(token, client=client)
