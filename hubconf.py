"""`torch.hub` entry points for resnest_nb: one per registered model.

    model = torch.hub.load('<owner>/resnest_nb', 'resnest50', pretrained=True)
    model = torch.hub.load('path/to/resnest_nb', 'resnest14d', source='local', num_classes=10)

Each entry takes `pretrained` (True: the release weights, `weights='DEFAULT'`), or `weights` (a path, URL or state
dict), `progress`, and any `create_model` override (`num_classes`, `in_chans`, `output_stride`, ...).
"""
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
