-- DICOMweb (PS3.18) serves QIDO-RS and WADO-RS metadata from the index, never from files.
--
-- 1. Study- and series-level attributes as DICOM JSON, cached on the study and series rows, so a
--    QIDO-RS study or series search returns full-fidelity values (every person-name group, the
--    attributes `includefield` asks for) from the one row it already reads: no per-study lookup
--    of an instance. A trigger keeps them equal to the newest current instance's header: every
--    door indexes through the same insert, and the trigger runs inside its transaction, so the
--    cache can never disagree with a committed instance.
-- 2. Indexes matching the archive's study ordering (study date, then last arrival), so an
--    unfiltered or clinic-scoped study search reads the first page from an index instead of
--    sorting every study.

alter table studies add column attributes jsonb not null default '{}';
alter table series add column attributes jsonb not null default '{}';

-- Patient (group 0010) and study-level attributes (PS3.3 §C.7.1.1, §C.7.2.1, PS3.18 Table 10.6.3-3).
create function dicomweb_study_attributes(m jsonb) returns jsonb language sql immutable as $$
  select coalesce(jsonb_object_agg(key, value), '{}')
  from jsonb_each(m)
  where key like '0010%' or key in (
    '00080005', '00080020', '00080030', '00080050', '00080051', '00080056', '00080061',
    '00080062', '00080090', '00080096', '0008009C', '00080201', '00081030', '00081032',
    '00081048', '00081049', '00081060', '00081062', '00081080', '00081084', '00081110',
    '0020000D', '00200010', '00321032', '00321033', '00321060', '00321064', '00380010',
    '00380014', '00380500')
$$;

-- General Series and equipment attributes (PS3.3 §C.7.3.1, §C.7.5.1, PS3.18 Table 10.6.3-4).
create function dicomweb_series_attributes(m jsonb) returns jsonb language sql immutable as $$
  select coalesce(jsonb_object_agg(key, value), '{}')
  from jsonb_each(m)
  where key in (
    '00080005', '00080021', '00080031', '00080060', '00080064', '00080068', '00080070',
    '00080080', '00080081', '00081010', '00081040', '0008103E', '00081050', '00081052',
    '00081070', '00081072', '00081090', '00081111', '00081250', '00180015', '00181000',
    '00181020', '00185100', '00185101', '0020000E', '00200011', '00200060', '00400244',
    '00400245', '00400253', '00400254', '00400260', '00400275')
$$;

create function dicomweb_cache_attributes() returns trigger language plpgsql as $$
begin
  if new.current then
    update studies set attributes = dicomweb_study_attributes(new.metadata) where id = new.study_id;
    update series set attributes = dicomweb_series_attributes(new.metadata) where id = new.series_id;
  end if;
  return new;
end
$$;

create trigger instances_cache_attributes after insert on instances
  for each row execute function dicomweb_cache_attributes();

-- Backfill from each study's and series' newest current instance.
update studies s set attributes = dicomweb_study_attributes(i.metadata)
from (select distinct on (study_id) study_id, metadata from instances where current
      order by study_id, received_at desc) i
where i.study_id = s.id;
update series s set attributes = dicomweb_series_attributes(i.metadata)
from (select distinct on (series_id) series_id, metadata from instances where current
      order by series_id, received_at desc) i
where i.series_id = s.id;

create index studies_date_received on studies (study_date desc nulls last, last_received_at desc);
create index studies_clinic_date_received
  on studies (clinic_id, study_date desc nulls last, last_received_at desc);
