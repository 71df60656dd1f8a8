"""Writes the NumPy fixture files that NumpyFixtureTests read; run with any NumPy (these came from 1.24.2):

    python3 make_fixture.py

Each array is small and its values are spelled out again in NumpyFixtureTests, so the tests do not need NumPy.
"""
import numpy as np

np.save("f4_2x3.npy", np.arange(6, dtype="<f4").reshape(2, 3) / 4)
np.save("i2_big_fortran.npy", np.asfortranarray(np.array([[1, -2, 3], [-400, 500, -32768]], dtype=">i2")))
np.save("b1.npy", np.array([True, False, True]))
np.save("u2.npy", np.array([0, 1, 65535], dtype="<u2"))
np.save("f8_scalar.npy", np.float64(2.5))
np.save("i8_empty.npy", np.zeros((0, 4), dtype="<i8"))
with open("f4_v2.npy", "wb") as f:
    np.lib.format.write_array(f, np.array([1.5, -2.0], dtype="<f4"), version=(2, 0))
with open("f4_v3.npy", "wb") as f:
    np.lib.format.write_array(f, np.array([1.5, -2.0], dtype="<f4"), version=(3, 0))
np.save("object.npy", np.array([1, "a"], dtype=object), allow_pickle=True)

x = np.arange(12, dtype="<f4").reshape(3, 4)
y = np.array([2, 0, 1], dtype="<i8")
np.savez("xy.npz", x=x, y=y)
np.savez_compressed("xy_compressed.npz", x=x, y=y)
