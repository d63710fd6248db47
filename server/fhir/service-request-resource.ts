import type { Observation, Patient, ServiceRequest } from 'fhir/r4';
import type { ReferralView } from '../../shared/event-contract.js';
import { codeSystems } from './fhir-codes.js';
import { siteTypeLabels } from './healthcare-service.js';
import { lastChanged, patientSummary, priorityOf } from './task-resource.js';

type Vitals = NonNullable<ReferralView['patient']>['vitals'];

/** LOINC codes of the vital signs a call carries, with their UCUM units. */
const vitalCodes: Record<keyof Vitals, { loinc: string; display: string; unit?: string }> = {
  heartRate: { loinc: '8867-4', display: 'Heart rate', unit: '/min' },
  respiratoryRate: { loinc: '9279-1', display: 'Respiratory rate', unit: '/min' },
  systolicBP: { loinc: '8480-6', display: 'Systolic blood pressure', unit: 'mm[Hg]' },
  spo2: {
    loinc: '59408-5',
    display: 'Oxygen saturation in Arterial blood by Pulse oximetry',
    unit: '%',
  },
  temperature: { loinc: '8310-5', display: 'Body temperature', unit: 'Cel' },
  gcs: { loinc: '9269-2', display: 'Glasgow coma score total' },
  bloodGlucose: { loinc: '15074-8', display: 'Glucose [Moles/volume] in Blood', unit: 'mmol/L' },
};

const status: Record<ReferralView['status'], ServiceRequest['status']> = {
  requested: 'active',
  accepted: 'active',
  'in-progress': 'active',
  completed: 'completed',
  // The request to this site is over before it was done (declined, or sent elsewhere).
  rejected: 'revoked',
  cancelled: 'revoked',
};

const words = (code: string) => code.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

function vitalObservations(vitals: Vitals, at: string): Observation[] {
  return (Object.keys(vitalCodes) as Array<keyof Vitals>).flatMap((name) => {
    const value = vitals[name];
    if (value === undefined) return [];
    const code = vitalCodes[name];
    return [
      {
        resourceType: 'Observation',
        id: `vital-${name}`,
        // Taken or reported at intake, not checked by the site.
        status: 'preliminary',
        category: [
          {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/observation-category',
                code: 'vital-signs',
                display: 'Vital Signs',
              },
            ],
          },
        ],
        code: {
          coding: [{ system: codeSystems.loinc, code: code.loinc, display: code.display }],
          text: code.display,
        },
        subject: { reference: '#patient' },
        effectiveDateTime: at,
        ...(code.unit
          ? {
              valueQuantity: {
                value,
                unit: code.unit,
                system: codeSystems.ucum,
                code: code.unit,
              },
            }
          : { valueInteger: value }),
      },
    ];
  });
}

/**
 * What dispatch asks of the site, with what it needs to receive the patient:
 * age, sex, complaint and the triage's reasons, vital signs, the call-taker's
 * notes, and when the crew should arrive. The patient is contained (there is no
 * Patient endpoint: altpath keeps no identities).
 */
export function toServiceRequest(referral: ReferralView, now: Date): ServiceRequest {
  const patient = referral.patient;
  const observations = patient ? vitalObservations(patient.vitals, referral.requestedAt) : [];
  const contained: Array<Patient | Observation> = patient
    ? [
        {
          resourceType: 'Patient',
          id: 'patient',
          gender: patient.sex as Patient['gender'],
        },
        ...observations,
      ]
    : [];
  const arrival =
    referral.etaMinutes !== null
      ? new Date(now.getTime() + referral.etaMinutes * 60_000).toISOString()
      : undefined;
  const siteLabel = siteTypeLabels[referral.site.type];
  return {
    resourceType: 'ServiceRequest',
    id: referral.id,
    meta: { lastUpdated: lastChanged(referral) },
    ...(contained.length ? { contained } : {}),
    status: status[referral.status],
    intent: 'order',
    ...(patient ? { priority: priorityOf[patient.acuity] } : {}),
    code: {
      coding: [{ system: codeSystems.siteType, code: referral.site.type, display: siteLabel }],
      text: `Referral to ${siteLabel.toLowerCase()}`,
    },
    subject: patient
      ? { reference: '#patient', display: patientSummary(patient) }
      : { display: 'Patient (details withheld)' },
    ...(arrival ? { occurrenceDateTime: arrival } : {}),
    authoredOn: referral.requestedAt,
    requester: { display: 'altpath community paramedic dispatch' },
    performer: [
      { reference: `HealthcareService/${referral.site.id}`, display: referral.site.name },
    ],
    ...(patient
      ? {
          reasonCode: [
            { text: words(patient.complaint) },
            ...patient.reasons.map((text) => ({ text })),
          ],
        }
      : {}),
    ...(observations.length
      ? { supportingInfo: observations.map((o) => ({ reference: `#${o.id}` })) }
      : {}),
    ...(patient?.notes ? { note: [{ text: patient.notes }] } : {}),
  };
}
