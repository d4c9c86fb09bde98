__version__ = "0.1.0"

def register_timm() -> list:
    "Register every resnest_nb model with timm as `resnest_nb_<name>` (see `resnest_nb.models.conformance.register_timm`)."
    from .models.conformance import register_timm as _register
    return _register()
