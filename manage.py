#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # A command run without SECRET_KEY is a local run (make run, a developer's shell): a key is
    # generated and kept in an ignored file, static files come from the source folders. With
    # SECRET_KEY it is a deployment's command (migrate, collectstatic) and gets the same settings
    # as the web server, whose entry points (config/wsgi.py, asgi.py) always insist on SECRET_KEY.
    if not os.environ.get("SECRET_KEY"):
        os.environ.setdefault("NIGHTJAR_LOCAL", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
