"""Pure-Python domain logic. Nothing here may import Django (a test enforces it), so the
same functions run in the web app, in CLI batch jobs and in Spark executors."""
