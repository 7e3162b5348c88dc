import json
import random
from typing import ClassVar

import numpy as np
import pytest

from shipdesk.core.paths import resource
from shipdesk.core.tariff.encoder import Encoder, WordPiece, basic_tokens
from shipdesk.core.tariff.nomenclature import nomenclature
from shipdesk.core.tariff.textutil import full_text

TARIFF = resource("tariff")


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    return Encoder(TARIFF / "model")


def test_basic_tokenizer_lowercases_strips_accents_and_splits_punctuation():
    assert basic_tokens("Café T-Shirt, 100%!") == ["cafe", "t", "-", "shirt", ",", "100", "%", "!"]


def test_wordpiece_splits_unknown_words_into_pieces():
    wp = WordPiece(TARIFF / "model" / "vocab.txt")
    ids = wp.encode("earbuds")
    pieces = [k for i in ids for k, v in wp.vocab.items() if v == i]
    assert pieces[0] == "[CLS]" and pieces[-1] == "[SEP]"
    assert any(p.startswith("##") for p in pieces)


def test_reference_embedding_matches_published_values(encoder):
    v = encoder.encode_one("hello world")
    ref = np.array([-0.034478, 0.03102, 0.00673, 0.02611, -0.039362])
    assert np.allclose(v[:5], ref, atol=1e-3)
    assert abs(np.linalg.norm(v) - 1.0) < 1e-5


def test_batch_and_single_agree(encoder):
    texts = ["smartphone", "a much longer sentence about cotton t-shirts for men"]
    batch = encoder.encode(texts)
    for t, b in zip(texts, batch):
        assert float(encoder.encode_one(t) @ b) > 0.99999


def test_similar_things_are_closer_than_unrelated(encoder):
    a, b, c = encoder.encode(["smartphone", "mobile phone", "frozen fish"])
    assert a @ b > 0.8 > 0.3 > a @ c


def test_shipped_embeddings_match_reencoded_rows(encoder):
    """Re-embed 20 random subheadings: recipe or model drift must fail the build."""
    manifest = json.loads((TARIFF / "manifest.json").read_text())
    n = nomenclature()
    codes = n.codes(6)
    full = np.load(TARIFF / manifest["embeddings"]["hs_full"]["file"]).astype(np.float32)
    desc = np.load(TARIFF / manifest["embeddings"]["hs_desc"]["file"]).astype(np.float32)
    rows = random.Random(7).sample(range(len(codes)), 20)
    fresh_full = encoder.encode([full_text(n, codes[i]) for i in rows])
    fresh_desc = encoder.encode([n.entries[codes[i]].description for i in rows])
    cos_full = np.sum(fresh_full * full[rows], axis=1)
    cos_desc = np.sum(fresh_desc * desc[rows], axis=1)
    assert cos_full.min() > 0.999, cos_full
    assert cos_desc.min() > 0.999, cos_desc


def _one_by_one(encoder: Encoder, text: str) -> np.ndarray:
    """The vector of a sentence encoded alone, through the padded forward pass (mask all
    ones), the way single queries were always encoded."""
    ids = np.asarray([encoder.tokenizer.encode(text)], dtype=np.int64)
    with encoder.single_thread():
        return encoder._forward(ids, np.ones_like(ids))[0]


def test_encoding_queries_together_gives_each_exactly_its_own_vector(encoder, monkeypatch):
    """Batched query encoding gives each text its own vector: the same length twice, lengths
    from 2 to the 256-token limit, a text longer than one pass of BATCH_TOKENS, and repeats.

    Bit for bit where the BLAS computes each row of a product the same whatever the number of
    rows (OpenBLAS's AVX-512 kernel); its Haswell and Zen kernels pick another inner kernel for
    another matrix size, and the last bits of a row then move (at most 1.7e-7 measured). The
    single-text paths, padded and unpadded, stay bit for bit equal on every kernel."""
    import shipdesk.core.tariff.encoder as encoder_module

    rng = random.Random(11)
    n = nomenclature()
    descriptions = [n.entries[c].description for c in rng.sample(n.codes(6), 60)]
    texts = [
        "",
        "x",
        "hoodie",
        "jumper",
        "Men's cotton t-shirt crew neck",
        "Women's cotton t-shirt crew neck",
        "Smartphone 128GB SKU12345",
        "Ledergürtel Herren schwarz",
        "日本語の本",
        "cotton " * 400,
        *descriptions,
        "hoodie",
    ]
    monkeypatch.setattr(encoder_module, "BATCH_TOKENS", 64)
    together = encoder.encode_queries(texts)
    assert together.shape == (len(texts), 384) and together.dtype == np.float32
    for text, row in zip(texts, together):
        alone = _one_by_one(encoder, text)
        assert np.allclose(row, alone, rtol=0, atol=1e-6), text[:40]
        assert np.array_equal(encoder.encode_one(text), alone), text[:40]


def test_weights_are_mapped_not_read_and_equal_what_safetensors_reads():
    from safetensors.numpy import load_file

    from shipdesk.core.tariff.encoder import read_weights

    path = TARIFF / "model" / "model.safetensors"
    mapped = read_weights(path)
    reference = load_file(str(path))
    assert mapped.keys() == reference.keys()
    for name, array in reference.items():
        got = mapped[name]
        assert got.dtype == array.dtype and got.shape == array.shape, name
        assert np.array_equal(got, array), name
    word = mapped["embeddings.word_embeddings.weight"]
    assert not word.flags.owndata and not word.flags.writeable  # a view of the file's map


@pytest.mark.parametrize(
    "damage",
    ["empty", "short header", "header past the end", "tensor past the end", "unknown type"],
)
def test_a_damaged_weights_file_is_named_in_one_line(tmp_path, damage):
    import struct

    from shipdesk.core.errors import DataError
    from shipdesk.core.tariff.encoder import read_weights

    def file(header: dict, data: bytes = b"\0" * 8) -> bytes:
        raw = json.dumps(header).encode()
        return struct.pack("<Q", len(raw)) + raw + data

    good = {"w": {"dtype": "F16", "shape": [2, 2], "data_offsets": [0, 8]}}
    content = {
        "empty": b"",
        "short header": b"\x01\x02",
        "header past the end": struct.pack("<Q", 10_000) + b"{}",
        "tensor past the end": file(
            {"w": {"dtype": "F16", "shape": [4, 4], "data_offsets": [0, 32]}}
        ),
        "unknown type": file({"w": {"dtype": "X9", "shape": [2, 2], "data_offsets": [0, 8]}}),
    }[damage]
    path = tmp_path / "model.safetensors"
    path.write_bytes(content)
    with pytest.raises(DataError) as err:
        read_weights(path)
    assert str(path) in str(err.value) and "\n" not in str(err.value)
    path.write_bytes(file(good))
    assert read_weights(path)["w"].shape == (2, 2)


def test_shipped_vocabulary_embeddings_are_int8_and_match_reencoded_terms(encoder):
    """The shop vocabulary's vectors ship as int8 with a scale per row (half the size of
    float16, so the installed bundle stays within its size target): the engine's rows for 20
    random terms, re-embedded, have cosine > 0.995 (int8 rounding moves a cosine by at most
    about 0.0025; a change of recipe or model moves it far more), and the file holds one byte
    a value."""
    from shipdesk.core.tariff import lookup
    from shipdesk.core.tariff.vocabulary import embed_text

    info = json.loads((TARIFF / "manifest.json").read_text())["embeddings"]["vocab"]
    raw = np.load(TARIFF / info["file"], mmap_mode="r")
    assert raw.dtype == np.int8 and raw.shape == (info["rows"], 384)
    eng = lookup.engine()
    rows = random.Random(7).sample(range(len(eng.terms)), 20)
    fresh = encoder.encode([embed_text(eng.terms[i]) for i in rows])
    cos = np.sum(fresh * eng.e_vocab[rows], axis=1)
    assert cos.min() > 0.995, cos


class _Watched(np.ndarray):
    """A weight tensor that notes the size of each part of it that is read."""

    seen: ClassVar[list[tuple[str, int]]] = []

    def __getitem__(self, key):
        part = super().__getitem__(key)
        if isinstance(part, np.ndarray):
            _Watched.seen.append(("a slice", int(part.size)))
        return part


class _WatchedNumpy:
    """numpy as the encoder module sees it, noting the largest array each function is given."""

    def __getattr__(self, name):
        attr = getattr(np, name)
        if not callable(attr) or isinstance(attr, type):
            return attr

        def call(*args, **kwargs):
            sizes = [0]
            for a in args:
                for x in a if isinstance(a, (list, tuple)) else (a,):
                    if isinstance(x, np.ndarray):
                        sizes.append(int(x.size))
            _Watched.seen.append((name, max(sizes)))
            return attr(*args, **kwargs)

        return call


def test_weights_are_set_up_a_few_rows_per_numpy_call(monkeypatch):
    """The weights are widened to float32 (and transposed) a few rows per numpy call: the load
    runs on a background thread while the window takes keys, and one call over a whole
    1536x384 matrix kept the interpreter lock 20-70 ms there (docs/benchmarks.md, "Typing
    latency"). No numpy call may take more than ``SETUP_ROWS`` rows of the largest matrix."""
    from shipdesk.core.tariff import encoder as enc

    real = enc.read_weights

    def watched(path):
        return {k: v.view(_Watched) for k, v in real(path).items()}

    monkeypatch.setattr(enc, "read_weights", watched)
    monkeypatch.setattr(enc, "np", _WatchedNumpy())
    _Watched.seen = []
    model = enc.Encoder(TARIFF / "model")
    assert _Watched.seen, "the weights were not set up through the watched numpy"
    limit = enc.SETUP_ROWS * 1536 if hasattr(enc, "SETUP_ROWS") else 16 * 1536
    too_big = sorted({(op, n) for op, n in _Watched.seen if n > limit})
    assert not too_big, too_big
    assert model.layers and model.layers[0][0].dtype == np.float32


def test_weights_set_up_in_blocks_equal_the_whole_matrices():
    """Widened and transposed a few rows at a time, each matrix is bit for bit what the
    conversion of the whole matrix gives (and so every vector stays what it was)."""
    from shipdesk.core.tariff.encoder import Encoder, read_weights

    t = read_weights(TARIFF / "model" / "model.safetensors")
    model = Encoder(TARIFF / "model")

    def whole(*names, transpose=False):
        m = np.concatenate([np.asarray(t[n], dtype=np.float32) for n in names], 0)
        return np.ascontiguousarray(m.T if transpose else m)

    assert np.array_equal(model.pos, whole("embeddings.position_embeddings.weight"))
    assert np.array_equal(model.ln_w, whole("embeddings.LayerNorm.weight"))
    for i, layer in enumerate(model.layers):
        p = f"encoder.layer.{i}."
        qkv = [p + f"attention.self.{w}." for w in ("query", "key", "value")]
        expected = (
            whole(*(w + "weight" for w in qkv), transpose=True),
            whole(*(w + "bias" for w in qkv)),
            whole(p + "attention.output.dense.weight", transpose=True),
            whole(p + "attention.output.dense.bias"),
            whole(p + "attention.output.LayerNorm.weight"),
            whole(p + "attention.output.LayerNorm.bias"),
            whole(p + "intermediate.dense.weight", transpose=True),
            whole(p + "intermediate.dense.bias"),
            whole(p + "output.dense.weight", transpose=True),
            whole(p + "output.dense.bias"),
            whole(p + "output.LayerNorm.weight"),
            whole(p + "output.LayerNorm.bias"),
        )
        for k, (got, want) in enumerate(zip(layer, expected)):
            assert got.dtype == np.float32 and got.flags.c_contiguous, (i, k)
            assert got.shape == want.shape and np.array_equal(got, want), (i, k)
