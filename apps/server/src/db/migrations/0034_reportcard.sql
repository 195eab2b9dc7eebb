-- Report cards read a period's released reads by when they were signed, for every reader at
-- once (the funnel plot compares each reader with all of them): an index on the signing time of
-- released, signed reports keeps that a range scan however long the archive grows.
create index reports_signed on reports (signed_at, signed_by)
  where released_at is not null and signed_by is not null;
