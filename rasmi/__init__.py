"""Rasmi: the register and governance of Malaysian government social media accounts."""
