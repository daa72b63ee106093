// @ts-check
/**
 * The kernel's logo, drawn at any size: "TS" in white on a TypeScript-blue rounded square, under
 * three timeline lanes of different lengths (tasks side by side: the concurrency lab).
 */
"use strict";
const { encodePng } = require("./png-encoder");

/** @typedef {[number, number, number]} Rgb */
/** @type {Rgb} */
const BLUE = [49, 120, 198];
/** @type {Rgb} */
const WHITE = [255, 255, 255];
const LANE_OPACITY = 0.6;
const LANE = /** @type {Rgb} */ ([0, 1, 2].map((i) => Math.round(BLUE[i] + (WHITE[i] - BLUE[i]) * LANE_OPACITY)));
/** Sub-samples per pixel side, for smooth edges. */
const SUPERSAMPLE = 4;

/** @typedef {[number, number, number, number]} Rect x0, y0, x1, y1 in the unit square, y downwards */

/** @type {Rect[]} */
const LETTERS = [
  // T
  [0.12, 0.52, 0.44, 0.605],
  [0.2375, 0.52, 0.3225, 0.88],
  // S, drawn as five strokes
  [0.52, 0.52, 0.84, 0.605],
  [0.52, 0.52, 0.605, 0.7425],
  [0.52, 0.6575, 0.84, 0.7425],
  [0.755, 0.6575, 0.84, 0.88],
  [0.52, 0.795, 0.84, 0.88],
];

/** @type {Rect[]} */
const LANES = [
  [0.12, 0.14, 0.56, 0.2],
  [0.3, 0.25, 0.88, 0.31],
  [0.2, 0.36, 0.5, 0.42],
];

/** @param {Rect} r @param {number} x @param {number} y */
const inRect = (r, x, y) => x >= r[0] && x < r[2] && y >= r[1] && y < r[3];

/** Inside the background square with rounded corners of radius 0.16. */
function inBackground(/** @type {number} */ x, /** @type {number} */ y) {
  const radius = 0.16;
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

/** The colour at one sample point, and whether the point is inside the logo at all. @returns {[Rgb, number]} */
function sample(/** @type {number} */ x, /** @type {number} */ y) {
  if (!inBackground(x, y)) return [BLUE, 0];
  if (LETTERS.some((r) => inRect(r, x, y))) return [WHITE, 1];
  if (LANES.some((r) => inRect(r, x, y))) return [LANE, 1];
  return [BLUE, 1];
}

/** @param {number} size width and height in pixels @returns {Buffer} a PNG file */
function logoPng(size) {
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const [[cr, cg, cb], ca] = sample((px + (sx + 0.5) / SUPERSAMPLE) / size, (py + (sy + 0.5) / SUPERSAMPLE) / size);
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const at = (py * size + px) * 4;
      if (a > 0) rgba.set([Math.round(r / a), Math.round(g / a), Math.round(b / a)], at);
      rgba[at + 3] = Math.round((a / SUPERSAMPLE ** 2) * 255);
    }
  }
  return encodePng(size, size, rgba);
}

module.exports = { logoPng };
