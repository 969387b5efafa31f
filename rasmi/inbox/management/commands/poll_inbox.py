import time

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from rasmi.inbox.polling import runner
from rasmi.people.cli import add_actor_argument, resolve_actor


class Command(BaseCommand):
    help = ("Read the platforms that send no webhooks (YouTube comment threads, X mentions) "
            "for every official account with a live credential, once; each page is stored "
            "and processed exactly once. --loop SECONDS keeps polling.")

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=int, metavar="SECONDS",
                            help="run a pass every SECONDS until interrupted")
        parser.add_argument("--passes", type=int, metavar="N",
                            help="with --loop: stop after N passes")
        parser.add_argument("--enqueue", action="store_true",
                            help="queue the pass for the background worker instead")
        parser.add_argument("--every", type=int, default=0, metavar="SECONDS",
                            help="with --enqueue: the worker queues the next pass itself")
        parser.add_argument("--resume", action="store_true",
                            help="poll stopped streams again (after fixing their cause)")
        add_actor_argument(parser)

    def handle(self, *args, **options):
        if options["loop"] is not None and options["loop"] < 1:
            raise CommandError("--loop needs a number of seconds (1 or more)")
        if options["resume"]:
            self._resume(options["actor"])
            return
        if options["enqueue"]:
            from rasmi.inbox.tasks import poll_inbox

            result = poll_inbox.enqueue(max(0, options["every"]))
            self.stdout.write(f"polling queued for the worker (task {result.id})")
            return
        passes = 0
        while True:
            self._pass(quiet=options["verbosity"] < 1)
            passes += 1
            if options["loop"] is None or (options["passes"] and passes >= options["passes"]):
                break
            try:
                time.sleep(options["loop"])
            except KeyboardInterrupt:
                break

    def _pass(self, quiet: bool) -> None:
        report = runner.poll_due()
        if quiet and not (report.streams or report.without_platform_id):
            return  # -v 0 (make run): say something only when there was something to poll
        self.stdout.write(
            f"{report.streams} stream(s) polled: {report.pages} page(s), {report.events} "
            f"event(s), {report.failed} failure(s), {report.stopped} stream(s) stopped")
        if report.without_platform_id:
            self.stderr.write(f"{report.without_platform_id} account(s) with a live "
                              "credential have no platform id in the register and cannot "
                              "be polled")

    def _resume(self, username: str | None) -> None:
        actor = resolve_actor(username, need_coordinator=False)
        stopped = runner.stopped_cursors(actor)
        for cursor in stopped:
            self.stdout.write(f"{cursor.account.account_key} {cursor.stream}: "
                              f"{cursor.last_error}")
        try:
            count = runner.resume_streams(actor)
        except PermissionDenied as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{count} stopped stream(s) will be polled at the next pass")
