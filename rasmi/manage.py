"""The `rasmi` console script: Django's manage with Rasmi's settings.

Commands speak English unless RASMI_CLI_LANGUAGE=ms (the web pages follow each reader's
choice instead); `import_registry --language` overrides it for one import's report.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rasmi.settings")
    import django
    from django.core.management import execute_from_command_line
    from django.utils import translation

    django.setup()
    translation.activate(os.environ.get("RASMI_CLI_LANGUAGE", "en"))
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
