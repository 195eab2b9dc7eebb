-- ingest_instance, leaner again (it runs once for every object received).
--
-- 1. An instance row records its own arrival. The origin of a stored object or new version
--    (door, calling AE or user, remote address, request) is kept in its instances row, and
--    ingest_events keeps only the arrivals that made no instance: duplicates and refusals. The
--    ingest_events row of every stored object was a second insert per instance with three
--    foreign-key checks and three index entries: about a tenth of the function's database time.
--    The clinic of a stored object is its study's (a study takes instances from one clinic
--    only); its time is received_at. The study history (modules/archive/repo.ts) reads both.
-- 2. The header (instances.metadata) is json, not jsonb, and comes as its own argument: it is
--    written once and read back whole (WADO-RS and QIDO-RS metadata, C-FIND), never searched in
--    the database, so converting it to jsonb and back cost database time on every write and
--    every read. The small argument p, read field by field, stays jsonb.
--
-- Events of stored objects recorded before this migration move into their instances' rows.

alter table instances
  add column door text,
  add column calling_ae text,
  add column user_id uuid,
  add column remote_address text,
  add column request_id text;

update instances i set door = e.door, calling_ae = e.calling_ae, user_id = e.user_id,
                       remote_address = e.remote_address, request_id = e.request_id
  from ingest_events e
  where e.instance_id = i.id and e.outcome in ('stored', 'new_version');
delete from ingest_events where outcome in ('stored', 'new_version');
alter table ingest_events drop constraint ingest_events_outcome_check;
alter table ingest_events add constraint ingest_events_outcome_check
  check (outcome in ('duplicate', 'refused'));

alter table instances alter column metadata type json using metadata::json;
alter table instances alter column metadata set storage external;

drop function ingest_instance(jsonb);

create function ingest_instance(p jsonb, m json) returns jsonb language plpgsql as $$
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
                         columns, bits_allocated, number_of_frames, size_bytes, sha256, storage_key, version, metadata,
                         door, calling_ae, user_id, remote_address, request_id)
  values (v_study_id, v_series_id, p->>'sop_uid', p->>'sop_class_uid', p->>'transfer_syntax_uid',
          (i->>'instance_number')::int, (i->>'rows')::int, (i->>'columns')::int, (i->>'bits_allocated')::int,
          (i->>'number_of_frames')::int, v_size, p->>'sha256', p->>'storage_key', v_version, m,
          o->>'door', o->>'calling_ae', (o->>'user_id')::uuid, o->>'remote_address', o->>'request_id')
  returning id into v_instance_id;

  if v_existing.id is null then
    v_modality := se->>'modality';
    with counted_series as (
      update series set num_instances = num_instances + 1, attributes = p->'series_attributes'
        where id = v_series_id
    )
    update studies set
        attributes = p->'study_attributes',
        num_instances = num_instances + 1,
        num_series = num_series + case when v_series_new then 1 else 0 end,
        size_bytes = size_bytes + v_size,
        modalities = case when v_modality is null or v_modality = any(modalities) then modalities
                          else modalities || v_modality end,
        last_received_at = now(),
        stable_at = null
      where id = v_study_id;
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
  end if;
  return jsonb_build_object('outcome', v_outcome, 'instance_id', v_instance_id, 'study_id', v_study_id,
                            'version', v_version);
end
$$;
