"""What a citizen is told about each verify state, in Bahasa Melayu and English.

Both languages are always returned (the API and CLI give both); pages show the one the
reader chose.
"""

STATE_REASONS = {
    "official": None,
    "archived": "no longer in use",
    "moved": "former address of an official account",
    "unofficial": "connected to the organisation but not authorised",
    "impersonation": "known impersonation",
    "parody": "declared parody or fan account",
}

SCAM_HELP_MS = ("Jangan hantar wang atau maklumat peribadi. Laporkan akaun ini kepada platform "
                "dan hubungi Pusat Respons Scam Kebangsaan di talian 997 jika anda telah "
                "ditipu.")
SCAM_HELP_EN = ("Do not send money or personal details. Report the account to the platform, and "
                "call the National Scam Response Centre on 997 if you have been scammed.")


def _names(organisation: dict | None) -> tuple[str, str]:
    if not organisation:
        return "", ""
    return organisation["name_ms"], organisation["name_en"]


def state_messages(state: str, *, organisation: dict | None = None, current_url: str | None = None,
                   reason: str | None = None, platform: str | None = None) -> tuple[str, str]:
    ms, en = _names(organisation)
    if state == "official":
        return f"Akaun rasmi {ms}.", f"Official account of the {en}."
    if state == "archived":
        return (f"Akaun ini pernah menjadi akaun rasmi {ms} tetapi tidak lagi digunakan. "
                "Jangan percaya kandungan baharu di sini.",
                f"This was an official account of the {en} but is no longer in use. "
                "Do not trust new content posted here.")
    if state == "moved":
        return (f"Ini alamat lama akaun rasmi {ms}. Akaun rasmi kini di {current_url}. "
                "Alamat lama mungkin kini milik orang lain.",
                f"This is an old address of the {en}'s official account, which is now at "
                f"{current_url}. The old address may now belong to someone else.")
    if state == "unofficial":
        return (f"Akaun ini berkaitan dengan {ms} tetapi bukan akaun rasmi yang diluluskan. "
                "Rujuk akaun rasmi untuk maklumat sahih.",
                f"This account is connected to the {en} but is not an authorised official "
                "account. Check the official accounts for reliable information.")
    if state == "impersonation":
        return (f"AMARAN: akaun ini menyamar sebagai {ms}. {SCAM_HELP_MS}",
                f"WARNING: this account impersonates the {en}. {SCAM_HELP_EN}")
    if state == "parody":
        return (f"Akaun parodi atau peminat, bukan akaun rasmi {ms}.",
                f"A parody or fan account, not an official account of the {en}.")
    if state == "not_registered":
        return ("Akaun ini tiada dalam daftar akaun rasmi kerajaan. Berhati-hati: ia mungkin "
                "tidak rasmi atau palsu. Jangan hantar wang atau maklumat peribadi.",
                "This account is not in the register of official government accounts. Be "
                "careful: it may be unofficial or fake. Do not send money or personal details.")
    if state == "unknown_platform":
        if reason and reason.startswith("lookalike of "):
            brand = reason.removeprefix("lookalike of ")
            return (f"AMARAN: alamat ini meniru {brand} tetapi bukan laman sebenar. Jangan log "
                    "masuk atau isi sebarang maklumat.",
                    f"WARNING: this address imitates {brand} but is not the real site. Do not "
                    "log in or enter any details.")
        return ("Alamat ini bukan platform media sosial yang disemak oleh Rasmi.",
                "This address is not on a social media platform that Rasmi checks.")
    # invalid
    return ("Ini bukan alamat atau nama pengguna akaun media sosial yang boleh disemak. "
            "Tampal alamat penuh akaun, contohnya https://www.facebook.com/namaakaun.",
            f"This is not a social media account address or handle that can be checked"
            f"{f' ({reason})' if reason else ''}. Paste the account's full address, for "
            "example https://www.facebook.com/accountname.")
