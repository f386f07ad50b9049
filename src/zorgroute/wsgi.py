import os
import threading

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zorgroute.conf.base")
application = get_wsgi_application()


def _warm_deidentifier() -> None:
    """Load the de-identifier's lookup structures (a few seconds) before the first anonymous summary needs them."""
    from zorgroute.consents.deidentify import get_engine

    get_engine()


if os.environ.get("ZORGROUTE_WARM_DEIDENTIFY", "1") == "1":
    threading.Thread(target=_warm_deidentifier, name="warm-deidentify", daemon=True).start()
