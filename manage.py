#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # Commands run from a checkout are local: without SECRET_KEY one is generated and kept in an
    # ignored file. The web server's entry points (config/wsgi.py, asgi.py) insist on SECRET_KEY.
    os.environ.setdefault("NIGHTJAR_LOCAL", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
