"""The one NinjaAPI at /api/v1: assembled here from each app's router. The plumbing the
routers share (errors, pagination, rate limits) lives in `rasmi.apikit`."""

from ninja import NinjaAPI

from rasmi.apikit import install_error_handlers
from rasmi.discovery.api import router as discovery_router
from rasmi.monitoring.api import router as monitoring_router
from rasmi.registry.api import router as registry_router

api = NinjaAPI(
    title="Rasmi API",
    version="1",
    description=("Register of official Malaysian government social media accounts. "
                 "Daftar akaun media sosial rasmi kerajaan Malaysia."),
    urls_namespace="api",
)
install_error_handlers(api)
api.add_router("/", registry_router)
api.add_router("/discovery/", discovery_router)
api.add_router("/monitoring/", monitoring_router)
