-- ingest_instance(p, m): the current definition of the one statement that indexes a received
-- object (modules/ingest/indexer.ts). This file is repeatable: platform/migrate.ts applies it
-- with `create or replace` after every migration run, inside the migration lock, so the
-- database always runs exactly what this file says. Migrations 0005, 0011 and 0012 hold
-- earlier definitions as history; change the function here, never in a new migration (a
-- migration that changes the tables this function writes lands first, then this file).
--
-- p (jsonb): the attributes it indexes, read field by field; m (json): the header, stored as
-- it is (migration 0012 says why json, not jsonb).

create or replace function ingest_instance(p jsonb, m json) returns jsonb language plpgsql as $$
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
  -- A CAD object (docs/adr/0041) is not an image to read: it never restarts its study's
  -- stability (so it neither re-opens nor creates a read), and leaves the study's cached
  -- attributes and modalities as the clinic's images set them. A study it creates (an SR in a
  -- study of its own) is stable from the start, so it never enters the reading workflow.
  v_cad boolean := coalesce((p->>'cad')::boolean, false);
begin
  select id, clinic_id into v_study_id, v_study_clinic from studies where study_uid = v_study_uid for update;
  if v_study_id is null then
    insert into studies (study_uid, clinic_id, patient_id, patient_name, patient_name_norm, patient_birth_date,
                         patient_sex, study_date, study_time, accession_number, study_id, study_description,
                         referring_physician, stable_at)
    values (v_study_uid, v_clinic, coalesce(s->>'patient_id', ''), s->>'patient_name', s->>'patient_name_norm',
            (s->>'patient_birth_date')::date, s->>'patient_sex', (s->>'study_date')::date, s->>'study_time',
            s->>'accession_number', s->>'study_id', s->>'study_description', s->>'referring_physician',
            case when v_cad then now() end)
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

  -- A SOP Instance UID names one object in one series of one study (PS3.3 §C.12.1.1.1): the
  -- same UID under another series is a conflict, never a move.
  if v_existing.id is not null and v_existing.series_id <> v_series_id then
    raise exception 'SOP instance stored in another series' using errcode = 'TL002';
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

  -- Why the study needs a person (migration 0014): the deviations ingest found in the header,
  -- and a new version. Clean objects carry no 'flags' and skip this.
  if p ? 'flags' or v_outcome = 'new_version' then
    insert into study_flags as f (study_id, code, detail, instance_id)
    select v_study_id, x.code, coalesce(x.detail, ''), v_instance_id
      from jsonb_to_recordset(coalesce(p->'flags', '[]')) as x(code text, detail text)
    union all
    select v_study_id, 'new_version', p->>'sop_uid', v_instance_id where v_outcome = 'new_version'
    on conflict (study_id, code, detail) do update
      set count = f.count + 1, last_at = now(), instance_id = excluded.instance_id;
  end if;

  if v_existing.id is null then
    v_modality := se->>'modality';
    with counted_series as (
      update series set num_instances = num_instances + 1, attributes = p->'series_attributes'
        where id = v_series_id
    )
    update studies set
        attributes = case when v_cad then attributes else p->'study_attributes' end,
        num_instances = num_instances + 1,
        num_series = num_series + case when v_series_new then 1 else 0 end,
        size_bytes = size_bytes + v_size,
        modalities = case when v_cad or v_modality is null or v_modality = any(modalities) then modalities
                          else modalities || v_modality end,
        last_received_at = case when v_cad then last_received_at else now() end,
        stable_at = case when v_cad then stable_at else null end
      where id = v_study_id;
  else
    -- A new version may move between series: recount what it touches.
    update series x set
      num_instances = (select count(*) from instances where series_id = x.id and current),
      attributes = case when x.id = v_series_id then p->'series_attributes' else x.attributes end
      where x.id in (v_series_id, v_existing.series_id);
    update studies st set
      attributes = case when v_cad then st.attributes else p->'study_attributes' end,
      num_instances = c.n, num_series = c.series, size_bytes = c.bytes,
      modalities = case when v_cad then st.modalities else c.modalities end,
      last_received_at = case when v_cad then st.last_received_at else now() end,
      stable_at = case when v_cad then st.stable_at else null end
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
