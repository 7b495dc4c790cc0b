"""DDL generators, one module per object kind, registered by snapshot collection name."""

from __future__ import annotations

from pgparity.plan.ddl.base import DdlContext, KindDDL, PlanOptions

REGISTRY: dict[str, KindDDL] = {}


def register(ddl: KindDDL) -> KindDDL:
    REGISTRY[ddl.collection] = ddl
    return ddl


def generator(collection: str) -> KindDDL:
    _load_all()
    return REGISTRY.get(collection) or _Unsupported(collection)


class _Unsupported(KindDDL):
    def __init__(self, collection: str) -> None:
        self.collection = collection


_loaded = False


def _load_all() -> None:
    """Import every generator module so each registers itself."""
    global _loaded
    if _loaded:
        return
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        if module.name not in ("base", "common"):
            importlib.import_module(f"{__name__}.{module.name}")
    _loaded = True


__all__ = ["REGISTRY", "DdlContext", "KindDDL", "PlanOptions", "generator", "register"]
