import clinic from './clinic';
import common from './common';
import messaging from './messaging';
import profile from './profile';
import portal from './portal';
import reports from './reports';
import qc from './qc';
import upload from './upload';
import sops from './sops';
import register from './register';

/** The Spanish catalogue, by namespace. */
export default { common, clinic, upload, reports, profile, portal, messaging, sops, qc, register };
