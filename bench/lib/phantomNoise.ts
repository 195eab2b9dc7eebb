import { loadCodecs, prepareSync } from '../../apps/gateway/src/transfer/compress';
import {
  DETECTOR,
  FIELD,
  directExposureValue,
  encodeCxr,
  fieldFractions,
  makeCxr,
  noisePair,
  type FieldOptions,
} from '../../apps/server/src/testing/dicomFixtures';

/** The field the bench's images are made with: scintillator blur and what is outside the patient. */
export const BENCH_FIELD: FieldOptions = { scintillatorBlur: true, outsidePatient: true };

/**
 * Bit depths of the bench's images, in turn. Real CXRs are stored after the modality's processing
 * (for presentation), most often 12 bits stored in 16 allocated, some 14 or 16; half are 12 here.
 */
export const BENCH_DEPTHS = [12, 12, 14, 16] as const;

/**
 * What the bench's phantoms are made of, printed before the runs, per bit depth and per model:
 * the lung field's σ in stored units and neighbour correlation (two noise realisations of one
 * anatomy, apps/server/src/testing/dicom/noise.ts `noisePair`), its per-pixel SNR (stored units
 * per unit of ln transmission ÷ σ), the collimated border / direct exposure / patient fractions,
 * and the JPEG-LS lossless ratio of one instance (file bytes ÷ the gateway's re-encoded bytes).
 * The white detector model (no blur, nothing outside the patient) is shown beside the one sent.
 */
export async function printPhantomNoise(size: number): Promise<void> {
  const codecs = await loadCodecs();
  console.log(
    `Phantoms: anatomical phantom (synthCxr.ts), detector model ${DETECTOR.lungKermaUGy} µGy behind the lung, ${DETECTOR.pixelMm * 1000} µm pixels, DQE ${DETECTOR.dqe}, ${DETECTOR.adcBits}-bit ADC, ${DETECTOR.electronicLsb} LSB electronic noise (white), through the log transform;`,
  );
  console.log(
    `  sent: + CsI scintillator blur of signal and quantum noise (Lorentzian LSF, MTF exp(−f/${FIELD.mtfF0LpPerMm} lp/mm) × 150 µm aperture), + collimated border set to 0 (${(FIELD.collimationX * 35).toFixed(1)} cm of 35 at each side, ${(FIELD.collimationY * 43).toFixed(1)} cm of 43 top and bottom), + direct exposure saturated by the processing (transmission > 63 %). ${size}×${size}, bit depths ${BENCH_DEPTHS.join(', ')} in turn (processed CXRs: mostly 12 stored in 16 allocated).`,
  );
  console.log(
    '  bits  model   range  lung σ  lung SNR  neighbour ρ  border  direct  patient  JPEG-LS ratio',
  );
  const lung = {
    x0: Math.round(0.27 * size),
    x1: Math.round(0.35 * size),
    y0: Math.round(0.35 * size),
    y1: Math.round(0.5 * size),
  };
  for (const bitsStored of [12, 14, 16] as const) {
    for (const [label, field] of [
      ['white', {}],
      ['sent ', BENCH_FIELD],
    ] as const) {
      const make = (noiseSeed: number) =>
        makeCxr({
          rows: size,
          columns: size,
          bitsStored,
          seed: 7,
          noise: 'detector',
          field: { ...field, noiseSeed },
        });
      const image = make(7);
      const { sigma, neighbourCorrelation } = noisePair(image.pixels, make(8).pixels, size, lung);
      const used = 2 ** Math.min(bitsStored, DETECTOR.adcBits) - 1;
      const snr = (used * 0.86) / Math.log(100) / sigma;
      const f = fieldFractions(image.pixels, size, size, directExposureValue(bitsStored));
      const { bytes } = await encodeCxr(image, 'explicitLE');
      const ratio = bytes.length / prepareSync(codecs, bytes, 'jpeg-ls', false).body.length;
      // Without the outside-the-patient model there is no border or saturation to count.
      const pct = (v: number) =>
        (field === BENCH_FIELD ? `${(v * 100).toFixed(1)} %` : '—').padStart(7);
      console.log(
        `  ${String(bitsStored).padStart(4)}  ${label}  ${String(used).padStart(6)}  ${sigma.toFixed(1).padStart(6)}  ${snr.toFixed(1).padStart(8)}  ${neighbourCorrelation.toFixed(2).padStart(11)}  ${pct(f.border)} ${pct(f.directExposure)}  ${pct(f.body)}  ${ratio.toFixed(2).padStart(12)}×`,
      );
    }
  }
}
