"""A sentence encoder (all-MiniLM-L6-v2) that runs on numpy alone.

The BERT forward pass (6 layers, 12 heads, hidden size 384, exact GELU, mean pooling over the
tokens, L2 normalisation) is written out with numpy matrix products. The tokenizer is a plain
WordPiece over the model's ``vocab.txt`` (lower-casing, accent stripping and punctuation
splitting as BERT's uncased tokenizer does). Weights come from a float16 safetensors file,
memory-mapped (:func:`read_weights`), and are upcast to float32 once at load, a few rows per
numpy call (:func:`widened`), except the word-embedding table, which stays float16 over the map
and is upcast row by row as tokens are looked up.

No torch, no onnxruntime, no tokenizers library and no network.
"""

from __future__ import annotations

import contextlib
import json
import mmap
import os
import struct
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from threadpoolctl import ThreadpoolController

from shipdesk.core.errors import DataError
from shipdesk.core.pacing import step_aside

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from contextlib import AbstractContextManager

MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json)
BATCH_TOKENS = 256  # tokens of one pass of Encoder.encode_queries (a few MB of activations)


# -- tokenizer ----------------------------------------------------------------------------------
def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B81F
        or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def basic_tokens(text: str) -> list[str]:
    """BERT's uncased basic tokenizer: clean, lower-case, strip accents, split punctuation."""
    out_chars: list[str] = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD:
            continue
        cat = unicodedata.category(ch)
        if ch in "\t\n\r" or cat == "Zs" or ch == " ":
            out_chars.append(" ")
            continue
        if cat in ("Cc", "Cf"):
            continue
        if _is_cjk(cp):
            out_chars.extend((" ", ch, " "))
        else:
            out_chars.append(ch)
    words: list[str] = []
    for word in "".join(out_chars).split():
        word = unicodedata.normalize("NFD", word.lower())
        word = "".join(c for c in word if unicodedata.category(c) != "Mn")
        current: list[str] = []
        for ch in word:
            if _is_punct(ch):
                if current:
                    words.append("".join(current))
                    current = []
                words.append(ch)
            else:
                current.append(ch)
        if current:
            words.append("".join(current))
    return words


class WordPiece:
    """Greedy longest-match-first WordPiece over a BERT ``vocab.txt``."""

    def __init__(self, vocab_path: Path) -> None:
        try:
            tokens = vocab_path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise DataError(f"{vocab_path}: cannot read the encoder vocabulary ({exc})") from None
        self.vocab = {t: i for i, t in enumerate(tokens)}
        self.unk = self.vocab["[UNK]"]
        self.cls = self.vocab["[CLS]"]
        self.sep = self.vocab["[SEP]"]
        self._cache: dict[str, list[int]] = {}

    def _word_ids(self, word: str) -> list[int]:
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        if len(word) > 100:
            ids = [self.unk]
        else:
            ids = []
            start = 0
            while start < len(word):
                end = len(word)
                found = None
                while start < end:
                    piece = word[start:end] if start == 0 else "##" + word[start:end]
                    found = self.vocab.get(piece)
                    if found is not None:
                        break
                    end -= 1
                if found is None:
                    ids = [self.unk]
                    break
                ids.append(found)
                start = end
        if len(self._cache) < 200_000:
            self._cache[word] = ids
        return ids

    def encode(self, text: str, max_tokens: int = MAX_TOKENS) -> list[int]:
        ids = [self.cls]
        for w in basic_tokens(text):
            ids.extend(self._word_ids(w))
        ids = ids[: max_tokens - 1]
        ids.append(self.sep)
        return ids


# -- weights ------------------------------------------------------------------------------------
_DTYPES = {"F16": np.float16, "F32": np.float32, "F64": np.float64, "I64": np.int64}
MAX_HEADER = 100_000_000  # safetensors' own limit on the JSON header


def read_weights(path: Path) -> dict[str, np.ndarray]:
    """The tensors of a safetensors file, as read-only arrays over a memory map of it.

    Only the header is read here: a tensor's bytes come from the file (or the page cache)
    when it is first used, page by page. ``safetensors.numpy.load_file`` read the 45 MB in one
    call that kept the interpreter lock about 24 ms, so a window typing while the lookup
    warmed up at start did not answer meanwhile. The map stays open while an array over it is
    alive. A file that is not a well-formed safetensors file raises DataError naming it."""
    try:
        with path.open("rb") as f:
            size = os.fstat(f.fileno()).st_size
            head = f.read(8)
            if len(head) != 8:
                raise ValueError("too short for a safetensors header")
            (n,) = struct.unpack("<Q", head)
            if n > min(size - 8, MAX_HEADER):
                raise ValueError(f"a header of {n} bytes in a file of {size}")
            header = json.loads(f.read(n))
            mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError) as exc:
        raise DataError(f"{path}: cannot read the encoder weights ({exc})") from None
    tensors: dict[str, np.ndarray] = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        try:
            dtype = np.dtype(_DTYPES[info["dtype"]])
            begin, end = (int(x) for x in info["data_offsets"])
            shape = tuple(int(d) for d in info["shape"])
        except (KeyError, TypeError, ValueError):
            raise DataError(f"{path}: tensor {name!r} has no usable type, shape or place") from None
        count = int(np.prod(shape, dtype=np.int64))
        if end - begin != count * dtype.itemsize or not 0 <= begin <= end <= size - 8 - n:
            raise DataError(f"{path}: tensor {name!r} does not fit the file")
        tensors[name] = np.frombuffer(mapped, dtype, count, 8 + n + begin).reshape(shape)
    return tensors


# Rows of a weight matrix upcast (and transposed) by one numpy call at load. The load runs on a
# background thread while the window takes keys; one call for a whole 1536x384 matrix kept the
# interpreter lock 20-70 ms there (its fresh pages faulted in while the lock was held), and the
# window waited as long. In blocks of 16 rows a call takes well under a millisecond, and the
# window gets the lock between two of them.
SETUP_ROWS = 16


def widened(parts: Sequence[np.ndarray], transpose: bool = False) -> np.ndarray:
    """The float32 copy of ``parts`` stacked along their first axis (of their transposes, side
    by side, when ``transpose``), as one new C-contiguous array, made ``SETUP_ROWS`` output rows
    per numpy call. The values are exactly those of ``np.concatenate(parts).astype(float32)``
    (``np.concatenate(parts, 0).T``): float16 and float32 become float32 without rounding."""
    if transpose:
        rows = int(parts[0].shape[1])
        out = np.empty((rows, sum(int(p.shape[0]) for p in parts)), dtype=np.float32)
        for start in range(0, rows, SETUP_ROWS):
            col = 0
            for part in parts:
                width = int(part.shape[0])
                out[start : start + SETUP_ROWS, col : col + width] = part[
                    :, start : start + SETUP_ROWS
                ].T
                col += width
        return out
    out = np.empty((sum(int(p.shape[0]) for p in parts), *parts[0].shape[1:]), dtype=np.float32)
    row = 0
    for part in parts:
        for start in range(0, int(part.shape[0]), SETUP_ROWS):
            block = part[start : start + SETUP_ROWS]
            out[row : row + len(block)] = block
            row += len(block)
    return out


# -- model --------------------------------------------------------------------------------------
def _erf(x: np.ndarray) -> np.ndarray:
    """Vectorised erf (Abramowitz & Stegun 7.1.26, absolute error below 1.5e-7).

    Written with in-place steps, in the order of
    ``sign(x) * (1 - ((((a1 t + a2) t + a3) t + a4) t + a5) t exp(-x^2))``, ``t = 1 / (1 + p |x|)``,
    so each step rounds as the plain expression does but no temporary array is made per step.
    """
    a = np.abs(x)
    t = a * 0.3275911
    t += 1.0
    np.divide(1.0, t, out=t)
    y = t * 1.061405429
    y -= 1.453152027
    y *= t
    y += 1.421413741
    y *= t
    y -= 0.284496736
    y *= t
    y += 0.254829592
    y *= t
    np.multiply(a, a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    y *= a
    np.subtract(1.0, y, out=y)
    y *= np.sign(x)
    return y


def _gelu(x: np.ndarray) -> np.ndarray:
    """Exact GELU, ``x / 2 * (1 + erf(x / sqrt 2))``."""
    e = _erf(x * np.float32(0.7071067811865476))
    e += 1.0
    out = x * 0.5
    out *= e
    return out


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def _blas_limiter() -> Callable[[], AbstractContextManager[object]]:
    """Factory of a context manager that limits the BLAS to one thread (no-op without it)."""
    try:
        controller = ThreadpoolController()
    except Exception:  # threadpoolctl unable to inspect the BLAS
        return contextlib.nullcontext
    if not controller.select(user_api="blas").lib_controllers:
        return contextlib.nullcontext
    return lambda: controller.limit(limits=1, user_api="blas")


class Encoder:
    """all-MiniLM-L6-v2 sentence embeddings (384 dimensions, unit length)."""

    def __init__(self, model_dir: Path) -> None:
        cfg_path = model_dir / "config.json"
        weights = model_dir / "model.safetensors"
        try:
            cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise DataError(f"{model_dir}: cannot load the sentence encoder ({exc})") from None
        t = read_weights(weights)
        self.tokenizer = WordPiece(model_dir / "vocab.txt")
        self.hidden = int(cfg["hidden_size"])
        self.heads = int(cfg["num_attention_heads"])
        self.layers_n = int(cfg["num_hidden_layers"])
        self.eps = float(cfg.get("layer_norm_eps", 1e-12))

        def f32(*names: str) -> np.ndarray:
            return widened([t[n] for n in names])

        def f32_t(*names: str) -> np.ndarray:  # x @ W.T as x @ this: transposed once here
            return widened([t[n] for n in names], transpose=True)

        self.word = t["embeddings.word_embeddings.weight"]  # kept float16, over the map
        self.pos = f32("embeddings.position_embeddings.weight")
        self.type0 = f32("embeddings.token_type_embeddings.weight")[0]
        self.ln_w = f32("embeddings.LayerNorm.weight")
        self.ln_b = f32("embeddings.LayerNorm.bias")
        self.layers = []
        for i in range(self.layers_n):
            p = f"encoder.layer.{i}."
            qkv = [p + f"attention.self.{w}." for w in ("query", "key", "value")]
            self.layers.append(
                (
                    f32_t(*(w + "weight" for w in qkv)),
                    f32(*(w + "bias" for w in qkv)),
                    f32_t(p + "attention.output.dense.weight"),
                    f32(p + "attention.output.dense.bias"),
                    f32(p + "attention.output.LayerNorm.weight"),
                    f32(p + "attention.output.LayerNorm.bias"),
                    f32_t(p + "intermediate.dense.weight"),
                    f32(p + "intermediate.dense.bias"),
                    f32_t(p + "output.dense.weight"),
                    f32(p + "output.dense.bias"),
                    f32(p + "output.LayerNorm.weight"),
                    f32(p + "output.LayerNorm.bias"),
                )
            )
        t.clear()
        self.single_thread = _blas_limiter()

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """ids, mask: (batch, n) -> pooled, normalised (batch, hidden)."""
        bsz, n = ids.shape
        h, nh = self.hidden, self.heads
        hd = h // nh
        x = self.word[ids].astype(np.float32) + self.pos[:n] + self.type0
        x = _layer_norm(x, self.ln_w, self.ln_b, self.eps)
        bias = ((1.0 - mask.astype(np.float32)) * np.float32(-1e9))[:, None, None, :]
        scale = np.float32(1.0 / np.sqrt(hd))
        for qkv_w, qkv_b, o_w, o_b, l1w, l1b, i_w, i_b, f_w, f_b, l2w, l2b in self.layers:
            qkv = x @ qkv_w + qkv_b  # (b, n, 3h)
            qkv = qkv.reshape(bsz, n, 3, nh, hd).transpose(2, 0, 3, 1, 4)  # (3, b, nh, n, hd)
            q, k, v = qkv[0], qkv[1], qkv[2]
            s = (q @ k.transpose(0, 1, 3, 2)) * scale + bias
            s = s - s.max(-1, keepdims=True)
            np.exp(s, out=s)
            s /= s.sum(-1, keepdims=True)
            ctx = (s @ v).transpose(0, 2, 1, 3).reshape(bsz, n, h)
            x = _layer_norm(x + (ctx @ o_w + o_b), l1w, l1b, self.eps)
            inter = _gelu(x @ i_w + i_b)
            x = _layer_norm(x + (inter @ f_w + f_b), l2w, l2b, self.eps)
        m = mask.astype(np.float32)[:, :, None]
        pooled = (x * m).sum(1) / np.maximum(m.sum(1), 1e-9)
        norm = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norm, 1e-12)).astype(np.float32)

    def _forward_exact(self, seqs: Sequence[Sequence[int]]) -> np.ndarray:
        """Token id lists -> pooled, normalised (len(seqs), hidden), without padding.

        The dense layers run once over the tokens of all sequences stacked (one large matrix
        product instead of one per sentence); attention and pooling run per group of
        sequences of the same length, so no sentence sees padding. Each row is the vector the
        sentence gets on its own, to the last bits where the BLAS computes a row of a matrix
        product the same whatever the number of rows (OpenBLAS's AVX-512 kernel; its Haswell
        and Zen kernels choose another inner kernel by size, which moves the last bits, at
        most about 2e-7, and no suggestion: the test suite holds both). Every sentence has at
        least its [CLS] and [SEP] tokens, so no product has a single row, which the BLAS would
        compute another way (as a matrix-vector product).
        """
        h, nh = self.hidden, self.heads
        hd = h // nh
        groups: dict[int, list[int]] = {}
        for i, seq in enumerate(seqs):
            groups.setdefault(len(seq), []).append(i)
        spans: list[tuple[int, int, list[int]]] = []  # (first row, length, sequence indices)
        ids_parts: list[np.ndarray] = []
        pos_parts: list[np.ndarray] = []
        row = 0
        for n, members in groups.items():
            spans.append((row, n, members))
            ids_parts.append(np.asarray([seqs[i] for i in members], dtype=np.int64).reshape(-1))
            pos_parts.append(np.tile(np.arange(n), len(members)))
            row += n * len(members)
        ids = np.concatenate(ids_parts)
        pos = np.concatenate(pos_parts)
        x = self.word[ids].astype(np.float32) + self.pos[pos] + self.type0
        x = _layer_norm(x, self.ln_w, self.ln_b, self.eps)
        scale = np.float32(1.0 / np.sqrt(hd))
        ctx = np.empty_like(x)
        for qkv_w, qkv_b, o_w, o_b, l1w, l1b, i_w, i_b, f_w, f_b, l2w, l2b in self.layers:
            step_aside()
            qkv_all = x @ qkv_w + qkv_b  # (tokens, 3h)
            for first, n, members in spans:
                g = len(members)
                qkv = qkv_all[first : first + g * n].reshape(g, n, 3, nh, hd)
                qkv = qkv.transpose(2, 0, 3, 1, 4)  # (3, g, nh, n, hd)
                q, k, v = qkv[0], qkv[1], qkv[2]
                s = (q @ k.transpose(0, 1, 3, 2)) * scale
                s = s - s.max(-1, keepdims=True)
                np.exp(s, out=s)
                s /= s.sum(-1, keepdims=True)
                ctx[first : first + g * n] = (s @ v).transpose(0, 2, 1, 3).reshape(g * n, h)
            x = _layer_norm(x + (ctx @ o_w + o_b), l1w, l1b, self.eps)
            step_aside()
            inter = _gelu(x @ i_w + i_b)
            x = _layer_norm(x + (inter @ f_w + f_b), l2w, l2b, self.eps)
        out = np.empty((len(seqs), h), dtype=np.float32)
        for first, n, members in spans:
            g = len(members)
            xs = x[first : first + g * n].reshape(g, n, h)
            m = np.ones((g, n, 1), dtype=np.float32)
            pooled = (xs * m).sum(1) / np.maximum(m.sum(1), 1e-9)
            norm = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[members] = (pooled / np.maximum(norm, 1e-12)).astype(np.float32)
        return out

    def encode_one(self, text: str) -> np.ndarray:
        """One query. Runs the BLAS on one thread: for a single short sentence a second thread
        only adds hand-over costs (and on a busy 2-core machine it can cost 10x)."""
        with self.single_thread():
            return self._forward_exact([self.tokenizer.encode(text)])[0]

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Many queries at once, each row the vector :meth:`encode_one` gives (see
        :meth:`_forward_exact` for the last bits).

        The work is split into passes of at most ``BATCH_TOKENS`` tokens, so memory stays
        bounded whatever the number of texts; the BLAS runs on one thread as in
        :meth:`encode_one`.
        """
        out = np.empty((len(texts), self.hidden), dtype=np.float32)
        token_lists = [self.tokenizer.encode(t) for t in texts]
        with self.single_thread():
            start = 0
            while start < len(texts):
                end, size = start, 0
                while end < len(texts) and (
                    end == start or size + len(token_lists[end]) <= BATCH_TOKENS
                ):
                    size += len(token_lists[end])
                    end += 1
                out[start:end] = self._forward_exact(token_lists[start:end])
                start = end
        return out

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Embeddings of many texts (batched by similar length, so little padding)."""
        token_lists = [self.tokenizer.encode(t) for t in texts]
        order = sorted(range(len(texts)), key=lambda i: len(token_lists[i]))
        out = np.zeros((len(texts), self.hidden), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            n = max(len(token_lists[i]) for i in idx)
            ids = np.zeros((len(idx), n), dtype=np.int64)
            mask = np.zeros((len(idx), n), dtype=np.int64)
            for row, i in enumerate(idx):
                toks = token_lists[i]
                ids[row, : len(toks)] = toks
                mask[row, : len(toks)] = 1
            out[idx] = self._forward(ids, mask)
        return out
