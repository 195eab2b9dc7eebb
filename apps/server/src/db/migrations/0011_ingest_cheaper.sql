-- ingest_instance, cheaper per instance (it runs once for every object received).
--
-- 1. The study and series attribute caches (migration 0004) are written by ingest_instance
--    itself, in the counter updates it already makes, instead of by a trigger on instances. The
--    trigger picked the attributes out of the header with jsonb_each and updated the study and
--    the series row a second time for every instance: a third of the function's database time.
--    Ingest now sends the picked attributes (modules/ingest/attributes.ts, the same PS3.18
--    tables) as p.study_attributes and p.series_attributes. ingest_instance is still the only
--    writer of instances, so the caches still change in the same transaction as the instance
--    they come from.
-- 2. Fewer statements on the common path. Nine of ten instances of a chest X-ray study arrive
--    when the study and series already exist; the function used to try to insert both (ON
--    CONFLICT DO NOTHING) and then read them back, and then update the series, update the study
--    and insert the ingest event as three statements: nine statements per instance, each a plan
--    execution inside PL/pgSQL. Now it reads first and inserts only what is missing, and the two
--    counter updates and the event are one statement (data-modifying CTEs): five statements.
--    Same results, errors and locking as 0005: the study row is locked before anything else is
--    written, so concurrent arrivals of one study still serialise on it, and a study or series
--    created concurrently is found by reading again after ON CONFLICT DO NOTHING (which waits
--    for the other transaction).
-- 3. The header (instances.metadata) is stored inline and uncompressed up to a tuple of 8 kB: it
--    is written once per instance and read by every WADO-RS metadata request, and compressing a
--    3 kB header cost more than the space it saved.
--
-- p: as in 0005, plus study_attributes and series_attributes (DICOM JSON objects).

drop trigger instances_cache_attributes on instances;
drop function dicomweb_cache_attributes();

alter table instances alter column metadata set storage external;
alter table instances set (toast_tuple_target = 8160);

create or replace function ingest_instance(p jsonb) returns jsonb language plpgsql as $$
declare
  v_clinic uuid := (p->>'clinic_id')::uuid;
  v_study_uid text := p->>'study_uid';
  v_series_uid text := p->>'series_uid';
  v_study_id uuid;
  v_study_clinic uuid;
  v_existing record;
  v_series_id uuid;
  v_series_study uuid;
  v_series_new boolean := false;
  v_instance_id uuid;
  v_version int := 1;
  v_outcome text := 'stored';
  v_size bigint := (p->>'size_bytes')::bigint;
  v_modality text;
  s jsonb := p->'study';
  se jsonb := p->'series';
  i jsonb := p->'instance';
  o jsonb := p->'origin';
begin
  select id, clinic_id into v_study_id, v_study_clinic from studies where study_uid = v_study_uid for update;
  if v_study_id is null then
    insert into studies (study_uid, clinic_id, patient_id, patient_name, patient_name_norm, patient_birth_date,
                         patient_sex, study_date, study_time, accession_number, study_id, study_description,
                         referring_physician)
    values (v_study_uid, v_clinic, coalesce(s->>'patient_id', ''), s->>'patient_name', s->>'patient_name_norm',
            (s->>'patient_birth_date')::date, s->>'patient_sex', (s->>'study_date')::date, s->>'study_time',
            s->>'accession_number', s->>'study_id', s->>'study_description', s->>'referring_physician')
    on conflict (study_uid) do nothing
    returning id, clinic_id into v_study_id, v_study_clinic;
    if v_study_id is null then
      select id, clinic_id into v_study_id, v_study_clinic from studies where study_uid = v_study_uid for update;
    end if;
  end if;
  if v_study_clinic <> v_clinic then
    raise exception 'study belongs to another clinic' using errcode = 'TL001';
  end if;

  select id, sha256, version, study_id, series_id, size_bytes into v_existing
    from instances where sop_uid = p->>'sop_uid' and current for update;
  if v_existing.id is not null and v_existing.sha256 = p->>'sha256' then
    insert into ingest_events (door, clinic_id, calling_ae, user_id, remote_address, request_id, study_id,
                               instance_id, study_uid, sop_uid, outcome)
    values (o->>'door', v_clinic, o->>'calling_ae', (o->>'user_id')::uuid, o->>'remote_address', o->>'request_id',
            v_study_id, v_existing.id, v_study_uid, p->>'sop_uid', 'duplicate');
    return jsonb_build_object('outcome', 'duplicate', 'instance_id', v_existing.id, 'study_id', v_study_id,
                              'version', v_existing.version);
  end if;
  if v_existing.id is not null and v_existing.study_id <> v_study_id then
    raise exception 'SOP instance stored in another study' using errcode = 'TL002';
  end if;

  select id, study_id into v_series_id, v_series_study from series where series_uid = v_series_uid;
  if v_series_id is null then
    insert into series (study_id, series_uid, modality, series_number, series_description, body_part,
                        view_position, laterality, attributes)
    values (v_study_id, v_series_uid, se->>'modality', (se->>'series_number')::int, se->>'series_description',
            se->>'body_part', se->>'view_position', se->>'laterality', p->'series_attributes')
    on conflict (series_uid) do nothing
    returning id, study_id into v_series_id, v_series_study;
    if v_series_id is not null then
      v_series_new := true;
    else
      select id, study_id into v_series_id, v_series_study from series where series_uid = v_series_uid;
    end if;
  end if;
  if v_series_study <> v_study_id then
    raise exception 'series belongs to another study' using errcode = 'TL003';
  end if;

  if v_existing.id is not null then
    update instances set current = false where id = v_existing.id;
    v_version := v_existing.version + 1;
    v_outcome := 'new_version';
  end if;

  insert into instances (study_id, series_id, sop_uid, sop_class_uid, transfer_syntax_uid, instance_number, rows,
                         columns, bits_allocated, number_of_frames, size_bytes, sha256, storage_key, version, metadata)
  values (v_study_id, v_series_id, p->>'sop_uid', p->>'sop_class_uid', p->>'transfer_syntax_uid',
          (i->>'instance_number')::int, (i->>'rows')::int, (i->>'columns')::int, (i->>'bits_allocated')::int,
          (i->>'number_of_frames')::int, v_size, p->>'sha256', p->>'storage_key', v_version, p->'metadata')
  returning id into v_instance_id;

  if v_existing.id is null then
    v_modality := se->>'modality';
    with counted_series as (
      update series set num_instances = num_instances + 1, attributes = p->'series_attributes'
        where id = v_series_id
    ), counted_study as (
      update studies set
        attributes = p->'study_attributes',
        num_instances = num_instances + 1,
        num_series = num_series + case when v_series_new then 1 else 0 end,
        size_bytes = size_bytes + v_size,
        modalities = case when v_modality is null or v_modality = any(modalities) then modalities
                          else modalities || v_modality end,
        last_received_at = now(),
        stable_at = null
      where id = v_study_id
    )
    insert into ingest_events (door, clinic_id, calling_ae, user_id, remote_address, request_id, study_id,
                               instance_id, study_uid, sop_uid, outcome)
    values (o->>'door', v_clinic, o->>'calling_ae', (o->>'user_id')::uuid, o->>'remote_address', o->>'request_id',
            v_study_id, v_instance_id, v_study_uid, p->>'sop_uid', 'stored');
  else
    -- A new version may move between series: recount what it touches.
    update series x set
      num_instances = (select count(*) from instances where series_id = x.id and current),
      attributes = case when x.id = v_series_id then p->'series_attributes' else x.attributes end
      where x.id in (v_series_id, v_existing.series_id);
    update studies st set
      attributes = p->'study_attributes',
      num_instances = c.n, num_series = c.series, size_bytes = c.bytes, modalities = c.modalities,
      last_received_at = now(), stable_at = null
    from (
      select count(*) as n, count(distinct ii.series_id) as series, coalesce(sum(ii.size_bytes), 0) as bytes,
             coalesce(array_agg(distinct sx.modality) filter (where sx.modality is not null), '{}') as modalities
      from instances ii join series sx on sx.id = ii.series_id
      where ii.study_id = v_study_id and ii.current
    ) c
    where st.id = v_study_id;
    insert into ingest_events (door, clinic_id, calling_ae, user_id, remote_address, request_id, study_id,
                               instance_id, study_uid, sop_uid, outcome, reason)
    values (o->>'door', v_clinic, o->>'calling_ae', (o->>'user_id')::uuid, o->>'remote_address', o->>'request_id',
            v_study_id, v_instance_id, v_study_uid, p->>'sop_uid', 'new_version',
            'replaces version ' || v_existing.version);
  end if;
  return jsonb_build_object('outcome', v_outcome, 'instance_id', v_instance_id, 'study_id', v_study_id,
                            'version', v_version);
end
$$;
