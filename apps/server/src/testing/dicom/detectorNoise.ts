/**
 * A flat-panel detector's noise for the synthetic chest radiograph, from physics rather than a
 * fixed share of the stored range: X-ray quantum (Poisson) noise set by the dose, plus a small
 * electronic noise floor, both in detector units, carried through the log transform that makes a
 * "for presentation" image. What it implies:
 *
 * - The noise in stored units depends on the dose and the signal range used, not on the
 *   container: a 16-bit BitsStored image from a 14-bit detector carries 14 bits of signal and the
 *   same noise as the 14-bit one.
 * - Where fewer quanta get through (mediastinum, spine, below the diaphragm) the noise is higher
 *   than in the lung field, as in a real image.
 *
 * The numbers (each a typical value, none fitted to a compression target):
 * - detector air kerma behind the lung field 2.5 µGy (a DR chest PA at an exposure index near
 *   250; IEC 62494-1 targets lie between 100 and 500 for CXR);
 * - 30 000 X-ray quanta per mm² per µGy (IEC 62220-1 RQA9 beam quality, the CXR kVp range);
 * - 150 µm pixels (0.0225 mm²) and DQE(0) 0.6 (CsI flat panels), so about 1 000 detected quanta
 *   per pixel in the lung field: a per-pixel SNR near 33 there;
 * - a 14-bit ADC, the unattenuated beam at 80 % of its full scale, electronic noise 1.5 LSB;
 * - the phantom's grey scale spans a factor of 100 in transmission (air to the densest
 *   mediastinum), i.e. ln 100 across its attenuation scale.
 */
export const DETECTOR = {
  lungKermaUGy: 2.5,
  quantaPerMm2PerUGy: 30_000,
  pixelMm: 0.15,
  dqe: 0.6,
  adcBits: 14,
  airFullScale: 0.8,
  electronicLsb: 1.5,
  transmissionRange: 100,
} as const;

/** The phantom's attenuation value of the lung field (synthCxr.ts: body 0.56 − lung 0.30). */
export const LUNG_ATTENUATION = 0.26;

/** Detected quanta per pixel in the lung field. */
export const LUNG_QUANTA =
  DETECTOR.lungKermaUGy * DETECTOR.quantaPerMm2PerUGy * DETECTOR.pixelMm ** 2 * DETECTOR.dqe;

/** The phantom's noise at one bit depth: the signal's largest value and σ per attenuation. */
export interface DetectorNoise {
  /** The largest value the signal uses: 2^min(BitsStored, ADC bits) − 1. */
  signalMax: number;
  /**
   * σ in stored units by attenuation (0 air … 1.2): entry i is for attenuation i ÷ `perUnit`, so
   * the pixel loop indexes it without a call.
   */
  sigmaTable: Float64Array;
  perUnit: number;
  /** The quantum part of σ alone, same indexing (detectorField.ts blurs it before sampling). */
  quantumTable: Float64Array;
  /** The electronic part of σ alone, same indexing (added after sampling, white). */
  electronicTable: Float64Array;
  /** σ in stored units and the per-pixel SNR (√ detected quanta) in the lung field. */
  lung: { sigma: number; snr: number };
}

const TABLE = 1024;

/** The detector noise model for an image of `bitsStored` significant bits. */
export function detectorNoise(bitsStored: number): DetectorNoise {
  const signalMax = 2 ** Math.min(bitsStored, DETECTOR.adcBits) - 1;
  const mu = Math.log(DETECTOR.transmissionRange);
  // Stored units per unit of ln(transmission): the phantom maps attenuation 0…1 onto 86 % of
  // the range it uses (synthCxr.ts), and attenuation 1 is ln 100 below air.
  const unitsPerLn = (signalMax * 0.86) / mu;
  const airQuanta = LUNG_QUANTA * Math.exp(mu * LUNG_ATTENUATION);
  const lsbPerQuantum = (DETECTOR.airFullScale * (2 ** DETECTOR.adcBits - 1)) / airQuanta;
  const electronicQuanta = DETECTOR.electronicLsb / lsbPerQuantum;
  const sigma = (a: number) => {
    const n = airQuanta * Math.exp(-mu * a);
    // Relative noise of the linear signal is σ/N; the log transform turns it into σ in ln units.
    return (Math.sqrt(n + electronicQuanta ** 2) / n) * unitsPerLn;
  };
  const perUnit = (TABLE - 1) / 1.2;
  const sigmaTable = new Float64Array(TABLE);
  const quantumTable = new Float64Array(TABLE);
  const electronicTable = new Float64Array(TABLE);
  for (let i = 0; i < TABLE; i++) {
    sigmaTable[i] = sigma(i / perUnit);
    const n = airQuanta * Math.exp((-mu * i) / perUnit);
    quantumTable[i] = (Math.sqrt(n) / n) * unitsPerLn;
    electronicTable[i] = (electronicQuanta / n) * unitsPerLn;
  }
  return {
    signalMax,
    sigmaTable,
    perUnit,
    quantumTable,
    electronicTable,
    lung: { sigma: sigma(LUNG_ATTENUATION), snr: Math.sqrt(LUNG_QUANTA) },
  };
}
