"""The census of official vs unofficial presence, live from the register.

Groups follow the 2024 research it reproduces: ministries, and agencies (departments,
agencies and statutory bodies, the Prime Minister's Department included); state and local
government are counted apart.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from rasmi.core.platforms import PLATFORMS
from rasmi.registry.models import AccountStatus, Organisation, SocialAccount

GROUPS = {
    "ministries": ("ministry",),
    "agencies": ("department", "agency", "statutory_body"),
    "state_local": ("state_government", "local_authority"),
}
GROUP_LABELS = {
    "ministries": ("Kementerian", "Ministries"),
    "agencies": ("Agensi", "Agencies"),
    "state_local": ("Kerajaan negeri & PBT", "State & local government"),
}
CENSUS_PLATFORMS = ("facebook", "instagram", "tiktok", "x", "youtube")
# Digital 2024 Malaysia (DataReportal, Kepios/We Are Social/Meltwater): share of internet
# users aged 16-64 who used each platform in the month before the survey.
PLATFORM_REACH = {"whatsapp": 90.7, "facebook": 84.9, "instagram": 77.0, "tiktok": 68.8}
REACH_SOURCE = "Digital 2024: Malaysia (DataReportal, February 2024)"


@dataclass
class Cell:
    organisations: int = 0       # organisations in the group
    with_official: int = 0       # of which have at least one official account here
    official: int = 0            # official accounts
    unofficial: int = 0          # unofficial accounts
    impersonation: int = 0       # known impersonation accounts

    @property
    def share_with_official(self) -> float:
        if not self.organisations:
            return 0.0
        return round(100 * self.with_official / self.organisations, 1)


@dataclass
class Census:
    groups: dict[str, dict[str, Cell]] = field(default_factory=dict)
    group_sizes: dict[str, int] = field(default_factory=dict)
    per_organisation: list[dict] = field(default_factory=list)
    has_demo: bool = False

    def gap(self) -> list[dict]:
        """Reach of each platform among Malaysians vs share of ministries and agencies
        officially present on it."""
        rows = []
        for code, reach in PLATFORM_REACH.items():
            ministries = self.groups["ministries"].get(code, Cell())
            agencies = self.groups["agencies"].get(code, Cell())
            rows.append({"platform": code, "name": PLATFORMS[code].name, "reach": reach,
                         "ministries_present": ministries.share_with_official,
                         "agencies_present": agencies.share_with_official})
        return rows

    def rows(self) -> list[dict]:
        out = []
        for group, cells in self.groups.items():
            for platform, cell in cells.items():
                out.append({"group": group, "platform": platform,
                            "organisations": cell.organisations,
                            "with_official": cell.with_official,
                            "share_with_official": cell.share_with_official,
                            "official": cell.official, "unofficial": cell.unofficial,
                            "impersonation": cell.impersonation})
        return out


def build_census(platforms=CENSUS_PLATFORMS + ("whatsapp",)) -> Census:
    kind_to_group = {kind: group for group, kinds in GROUPS.items() for kind in kinds}
    orgs = list(Organisation.objects.values("id", "code", "name_ms", "name_en", "kind"))
    group_sizes = defaultdict(int)
    for org in orgs:
        group_sizes[kind_to_group[org["kind"]]] += 1
    counts = (SocialAccount.objects.filter(platform__in=platforms)
              .values("organisation_id", "platform", "status").annotate(n=Count("id")))
    per_org: dict[int, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for row in counts:
        per_org[row["organisation_id"]][row["platform"]][row["status"]] = row["n"]

    census = Census(group_sizes=dict(group_sizes))
    census.has_demo = SocialAccount.objects.filter(is_demo=True).exists()
    for group in GROUPS:
        census.groups[group] = {p: Cell(organisations=group_sizes[group]) for p in platforms}
    for org in orgs:
        group = kind_to_group[org["kind"]]
        presence = {}
        for platform in platforms:
            statuses = per_org.get(org["id"], {}).get(platform, {})
            cell = census.groups[group][platform]
            official = statuses.get(AccountStatus.OFFICIAL, 0)
            cell.official += official
            cell.unofficial += statuses.get(AccountStatus.UNOFFICIAL, 0)
            cell.impersonation += statuses.get(AccountStatus.IMPERSONATION, 0)
            cell.with_official += 1 if official else 0
            presence[platform] = {"official": official,
                                  "unofficial": statuses.get(AccountStatus.UNOFFICIAL, 0),
                                  "impersonation": statuses.get(AccountStatus.IMPERSONATION, 0)}
        census.per_organisation.append({"code": org["code"], "name_ms": org["name_ms"],
                                        "name_en": org["name_en"], "group": group,
                                        "presence": presence})
    census.per_organisation.sort(key=lambda row: (list(GROUPS).index(row["group"]),
                                                  row["name_ms"]))
    return census
