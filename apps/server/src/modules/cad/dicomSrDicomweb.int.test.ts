import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCxr } from '../../testing/dicomFixtures';
import type { TestClient } from '../../testing/http';
import { cadAnswer, startCadDimse, type CadDimse } from '../../testing/cadDimse';

/**
 * DICOMweb keeps blind first (docs/adr/0043): CAD objects that came in by DICOM
 * (docs/adr/0041) are left out of the viewer's image list, and hidden from every DICOMweb door
 * while the reader is blind on the study; QA, and the reader after the first impression, see them.
 */
let h: CadDimse;

beforeAll(async () => {
  h = await startCadDimse();
});
afterAll(async () => {
  await h?.close();
});

/** What `client` gets from DICOMweb at `url` (JSON answers as DICOM JSON). */
const dicomweb = (client: TestClient, url: string, accept = 'application/dicom+json') =>
  client.request({ method: 'GET', url: `/dicomweb${url}`, headers: { accept } });
const sopsOf = (body: string) =>
  (JSON.parse(body) as Record<string, { Value?: string[] }>[])
    .map((d) => d['00080018']!.Value![0])
    .sort();
const metadataSops = async (client: TestClient, studyUid: string, query: string) => {
  const res = await dicomweb(client, `/studies/${studyUid}/metadata${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return sopsOf(res.body);
};

describe('CAD objects through DICOMweb', () => {
  it('the viewer’s image list leaves the CAD objects out; DICOMweb clients get them unless blind', async () => {
    const { img, studyId } = await h.queuedStudy();
    const reply = await h.forward(img.path, img.studyInstanceUid, cadAnswer());
    const all = [img.sopInstanceUid, reply.srUid, reply.heatmapUid].sort();
    const uid = img.studyInstanceUid;
    const heatmapSeries = (
      await h.fx.tdb.db
        .selectFrom('instances as i')
        .innerJoin('series as se', 'se.id', 'i.series_id')
        .select('se.series_uid')
        .where('i.sop_uid', '=', reply.heatmapUid!)
        .executeTakeFirstOrThrow()
    ).series_uid;
    const heatmap = `/studies/${uid}/series/${heatmapSeries}/instances/${reply.heatmapUid}`;
    const wadoStatuses = async (client: TestClient) => [
      (await dicomweb(client, heatmap, 'multipart/related; type="application/dicom"')).statusCode,
      (await dicomweb(client, `${heatmap}/metadata`)).statusCode,
      (
        await dicomweb(
          client,
          `${heatmap}/frames/1`,
          'multipart/related; type="application/octet-stream"',
        )
      ).statusCode,
      (await dicomweb(client, `${heatmap}/rendered`, 'image/png')).statusCode,
      (
        await dicomweb(
          client,
          `${heatmap}/bulkdata/7FE00010`,
          'multipart/related; type="application/octet-stream"',
        )
      ).statusCode,
    ];
    const studyCount = async (client: TestClient) => {
      const res = await dicomweb(client, `/studies?StudyInstanceUID=${uid}`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as Record<string, { Value: number[] }>[])[0]!['00201208']!.Value[0];
    };

    // The reader is blind on the study (UK is blind first): no door of DICOMweb shows CAD.
    expect(await metadataSops(h.radiologist, uid, '?cad=exclude')).toEqual([img.sopInstanceUid]);
    expect(await metadataSops(h.radiologist, uid, '')).toEqual([img.sopInstanceUid]);
    const instances = await dicomweb(h.radiologist, `/studies/${uid}/instances`);
    expect(sopsOf(instances.body)).toEqual([img.sopInstanceUid]);
    const series = await dicomweb(h.radiologist, `/studies/${uid}/series`);
    expect(series.json()).toHaveLength(1);
    expect(await studyCount(h.radiologist)).toBe(1);
    expect(await wadoStatuses(h.radiologist)).toEqual([404, 404, 404, 404, 404]);

    // QA sees the whole study at once.
    expect(await metadataSops(h.qa, uid, '')).toEqual(all);
    expect(await studyCount(h.qa)).toBe(3);
    expect(await wadoStatuses(h.qa)).toEqual([200, 200, 200, 200, 200]);

    // After the reader's first impression, they see it too; the viewer's list still leaves it out.
    const [read] = await h.tasksOf(studyId);
    const claimed = await h.radiologist.request({
      method: 'POST',
      url: `/api/tasks/${read!.id}/claim`,
    });
    expect(claimed.statusCode, claimed.body).toBe(200);
    const chosen = await h.radiologist.request({
      method: 'POST',
      url: `/api/tasks/${read!.id}/cad/preliminary`,
      payload: { choice: 'abnormal' },
    });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(await metadataSops(h.radiologist, uid, '')).toEqual(all);
    expect(await metadataSops(h.radiologist, uid, '?cad=exclude')).toEqual([img.sopInstanceUid]);
    expect(sopsOf((await dicomweb(h.radiologist, `/studies/${uid}/instances`)).body)).toEqual(all);
    expect(await studyCount(h.radiologist)).toBe(3);
    expect(await wadoStatuses(h.radiologist)).toEqual([200, 200, 200, 200, 200]);
  });

  it('pages a blind reader over what they are shown: a limit counts shown rows, an offset skips them', async () => {
    const { img } = await h.queuedStudy();
    const uid = img.studyInstanceUid;
    const reply = await h.forward(img.path, uid, cadAnswer());
    // A lateral view after the CAD answer, in a series numbered after the CAD's, so that the
    // archive's order puts the hidden CAD objects between the two images.
    const lateral = await writeCxr(path.join(h.dir, 'lateral.dcm'), 'explicitLE', {
      seed: 902,
      rows: 64,
      columns: 64,
      patient: { id: img.patientId },
      study: { studyInstanceUid: uid },
      seriesNumber: 999,
    });
    await h.sendToTelerad('DEMO1', lateral.path);
    const page = async (client: TestClient, level: string, offset: number) => {
      const res = await dicomweb(client, `/studies/${uid}/${level}?limit=1&offset=${offset}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as Record<string, { Value?: string[] }>[];
    };
    const pagedSops = async (client: TestClient, offsets: number[]) => {
      const out: (string | undefined)[][] = [];
      for (const o of offsets) out.push(sopsOf(JSON.stringify(await page(client, 'instances', o))));
      return out;
    };
    expect(await pagedSops(h.radiologist, [0, 1, 2])).toEqual([
      [img.sopInstanceUid],
      [lateral.sopInstanceUid],
      [],
    ]);
    const seriesUids = async (client: TestClient, offsets: number[]) => {
      const out: string[] = [];
      for (const o of offsets)
        out.push(...(await page(client, 'series', o)).map((d) => d['0020000E']!.Value![0]!));
      return out;
    };
    expect(await seriesUids(h.radiologist, [0, 1, 2])).toEqual([
      img.seriesInstanceUid,
      lateral.seriesInstanceUid,
    ]);
    // QA, who is never blind, pages through all four one at a time.
    const all = [img.sopInstanceUid, reply.srUid, reply.heatmapUid, lateral.sopInstanceUid];
    expect((await pagedSops(h.qa, [0, 1, 2, 3, 4])).flat().sort()).toEqual(all.sort());
  });
});
