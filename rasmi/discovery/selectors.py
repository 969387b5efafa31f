"""Reads for discovery: the register as the pure scoring core sees it."""

from rasmi.core.matching import OrganisationInfo, Register, RegisteredAccount
from rasmi.registry.models import AccountAlias, Organisation, SocialAccount


def register_snapshot() -> Register:
    """Every organisation and every registered account (pending ones excluded: they are
    not yet anyone's answer), in the indexes core.matching scores against."""
    organisations = [
        OrganisationInfo(code, name_ms, name_en, tuple(acronyms or ()), website or "")
        for code, name_ms, name_en, acronyms, website in Organisation.objects.values_list(
            "code", "name_ms", "name_en", "acronyms", "website").iterator(chunk_size=5000)]
    accounts = [
        RegisteredAccount(key, org, status, handle, url)
        for key, org, status, handle, url in SocialAccount.objects.exclude(status="pending")
        .values_list("account_key", "organisation__code", "status", "handle", "canonical_url")
        .iterator(chunk_size=5000)]
    by_platform_id = [
        RegisteredAccount(f"{platform}:id:{pid}", org, status, handle, url)
        for platform, pid, org, status, handle, url in SocialAccount.objects
        .exclude(status="pending").exclude(platform_id="")
        .values_list("platform", "platform_id", "organisation__code", "status", "handle",
                     "canonical_url").iterator(chunk_size=5000)]
    aliases = dict(AccountAlias.objects.values_list("account_key", "account__canonical_url")
                   .iterator(chunk_size=5000))
    return Register(organisations, accounts + by_platform_id, aliases)
