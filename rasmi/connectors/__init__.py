"""Platform publishing connectors: one folder per platform, each a real httpx client
(client.py) tested on recorded exchanges shaped as the platform documents them
(fixtures/). Shared shapes and the request helper are in base.py; connector_for in
registry.py picks the class. No Django here: the publisher owns state and retries."""
