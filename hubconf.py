"""`torch.hub` entry points for resnest_nb: one per registered model.

    model = torch.hub.load('<owner>/resnest_nb', 'resnest50', pretrained=True)
    model = torch.hub.load('path/to/resnest_nb', 'resnest14d', source='local', num_classes=10)

Each entry takes `pretrained` (True: the release weights, `weights='DEFAULT'`), or `weights` (a path, URL or state
dict), `progress`, and any `create_model` override (`num_classes`, `in_chans`, `output_stride`, ...).
"""
import difflib, sys

dependencies = ['torch', 'torchvision', 'fastcore']

from resnest_nb.models.resnest import create_model as _create_model, list_models as _list_models, model_config as _model_config


def _entry(name):
    def entry(pretrained: bool = False, weights=None, progress: bool = True, **kwargs):
        if pretrained and weights is not None:
            raise ValueError(f"pass either pretrained=True or weights=..., not both (got weights={weights!r})")
        return _create_model(name, weights='DEFAULT' if pretrained else weights, progress=progress, **kwargs)
    cfg = _model_config(name)
    entry.__name__ = entry.__qualname__ = name
    entry.__doc__ = (f"{name}: layers {list(cfg.layers)}, radix {cfg.radix}, {cfg.groups}x{cfg.bottleneck_width}d, "
                     f"trained at {cfg.input_size} px.\n\n"
                     "pretrained: load the release weights (resnest_nb.models.releases.RELEASES); weights: a checkpoint path, URL or "
                     "state dict instead; progress: progress bar while downloading; **kwargs: create_model overrides.")
    return entry


for _name in _list_models():
    globals()[_name] = _entry(_name)
del _name


def __dir__():
    """The module's names, as `dir()` gives them. `torch.hub.load` looks an entry point up by `name in dir(hubconf)`
    (its `_load_attr_from_module`) and, for a name that is not there, says only "Cannot find callable NAME in hubconf":
    asked by it for such a name, this raises the same error naming the valid entry points instead."""
    names = sorted(globals())
    caller = sys._getframe(1)
    wanted = caller.f_locals.get('func_name') if caller.f_code.co_name == '_load_attr_from_module' else None
    if isinstance(wanted, str) and wanted not in names:
        valid = _list_models()
        close = difflib.get_close_matches(wanted, valid, n=2)
        raise RuntimeError(f"Cannot find callable {wanted} in hubconf: resnest_nb's entry points are "
                           f"{', '.join(valid)}" + (f" (did you mean {' or '.join(map(repr, close))}?)" if close else ""))
    return names
