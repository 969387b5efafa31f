import csv
import json

from django.core.management.base import BaseCommand

from rasmi.registry.census import GROUP_LABELS, REACH_SOURCE, build_census


class Command(BaseCommand):
    help = "Census of official vs unofficial presence per organisation group and platform."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=("table", "csv", "json"), default="table")

    def handle(self, *args, **options):
        census = build_census()
        fmt = options["format"]
        if fmt == "json":
            self.stdout.write(json.dumps({"rows": census.rows(), "gap": census.gap(),
                                          "reach_source": REACH_SOURCE,
                                          "illustrative": census.has_demo}, indent=2))
            return
        if fmt == "csv":
            rows = census.rows()
            writer = csv.DictWriter(self.stdout, fieldnames=list(rows[0]) if rows else ["group"])
            writer.writeheader()
            writer.writerows(rows)
            return
        if census.has_demo:
            self.stdout.write("NOTE: demo data — the accounts are illustrative, not real.\n")
        head = f"{'group':<26}{'platform':<11}{'orgs':>5}{'with off.':>10}{'%':>7}" \
               f"{'official':>9}{'unofficial':>11}{'imperson.':>10}"
        self.stdout.write(head)
        for row in census.rows():
            label = GROUP_LABELS[row["group"]][1]
            self.stdout.write(
                f"{label:<26}{row['platform']:<11}{row['organisations']:>5}"
                f"{row['with_official']:>10}{row['share_with_official']:>7.1f}"
                f"{row['official']:>9}{row['unofficial']:>11}{row['impersonation']:>10}")
        self.stdout.write(f"\nPresence gap (reach: {REACH_SOURCE})")
        for gap in census.gap():
            self.stdout.write(f"{gap['name']:<11} reach {gap['reach']:>5.1f}%  ministries "
                              f"{gap['ministries_present']:>5.1f}%  agencies "
                              f"{gap['agencies_present']:>5.1f}%")
