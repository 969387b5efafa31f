"""Polling the platforms that send no webhooks (YouTube comment threads, X mentions).

One module per stream turns a page the platform answered into the same events Meta's
webhook gives (`parse`), and says where the next page starts (`advance`); `runner` polls
every due stream, stores each page as a Delivery and hands it to the same ingest.
"""
