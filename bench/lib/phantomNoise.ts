import { loadCodecs, prepareSync } from '../../apps/gateway/src/transfer/compress';
import {
  DETECTOR,
  detectorNoise,
  encodeCxr,
  makeCxr,
  noiseSigma,
} from '../../apps/server/src/testing/dicomFixtures';

/**
 * What the bench's phantoms are made of, printed before the runs: per bit depth, the detector
 * model's noise (apps/server/src/testing/dicom/detectorNoise.ts) in stored units, the lung
 * field's SNR, the noise measured on the image, and the JPEG-LS lossless ratio of one instance
 * (file bytes ÷ the gateway's re-encoded bytes). The old flat model (σ = 0.4 % of the stored
 * range) is shown beside it for comparison.
 */
export async function printPhantomNoise(size: number): Promise<void> {
  const codecs = await loadCodecs();
  console.log(
    `Phantom noise (detector model: ${DETECTOR.lungKermaUGy} µGy behind the lung, ${DETECTOR.pixelMm * 1000} µm pixels, DQE ${DETECTOR.dqe}, ${DETECTOR.adcBits}-bit ADC, ${DETECTOR.electronicLsb} LSB electronic):`,
  );
  console.log(
    '  bits  range used  lung σ  lung SNR  measured σ  JPEG-LS ratio  (flat model: σ, ratio)',
  );
  for (const bitsStored of [12, 14, 16] as const) {
    const ratio = async (noise: 'flat' | 'detector') => {
      const image = makeCxr({ rows: size, columns: size, bitsStored, seed: 7, noise });
      const { bytes } = await encodeCxr(image, 'explicitLE');
      const out = prepareSync(codecs, bytes, 'jpeg-ls', false);
      return { sigma: noiseSigma(image.pixels, size), ratio: bytes.length / out.body.length };
    };
    const d = detectorNoise(bitsStored);
    const det = await ratio('detector');
    const flat = await ratio('flat');
    console.log(
      `  ${String(bitsStored).padStart(4)}  ${String(d.signalMax).padStart(10)}  ${d.lung.sigma.toFixed(1).padStart(6)}  ${d.lung.snr.toFixed(1).padStart(8)}  ${det.sigma.toFixed(1).padStart(10)}  ${det.ratio.toFixed(2).padStart(12)}×  (${flat.sigma.toFixed(1)}, ${flat.ratio.toFixed(2)}×)`,
    );
  }
}
