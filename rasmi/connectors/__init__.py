"""Platform connectors: one folder per platform, each a real httpx client that publishes
and finds posts, tested on recorded payloads shaped as the platform documents them."""
