// The code systems and extensions the FHIR API speaks.

/**
 * altpath's own code systems. Canonical URLs are names, not addresses: they stay
 * the same whatever host serves the API.
 */
const ours = 'https://altpath.local/fhir/CodeSystem';
export const codeSystems = {
  siteType: `${ours}/site-type`,
  capacity: `${ours}/site-capacity`,
  rejectReason: `${ours}/referral-reject-reason`,
  outcome: `${ours}/referral-outcome`,
  /** HL7's Task codes: `fulfill` is "Fulfill the focal request". */
  taskCode: 'http://hl7.org/fhir/CodeSystem/task-code',
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
} as const;

/**
 * The Gravity Project's capacity status of a service, from HL7's SDOH Clinical
 * Care IG (STU 3, extension SDOHCC-ExtensionHealthcareServiceCapacityStatus,
 * https://build.fhir.org/ig/HL7/fhir-sdoh-clinicalcare/StructureDefinition-SDOHCC-ExtensionHealthcareServiceCapacityStatus.html;
 * source input/fsh/extensions/SDOHCCExtensionHealthcareServiceCapacityStatus.fsh
 * in github.com/HL7/fhir-sdoh-clinicalcare). A complex extension on
 * HealthcareService: a `capacityStatus` sub-extension (1..1, valueCodeableConcept
 * from SDOHCC-ValueSetCapacityStatus, extensible) and `capacityNotes` (0..1,
 * valueString); no value on the outer extension.
 */
export const SDOHCC_CAPACITY_STATUS =
  'http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-ExtensionHealthcareServiceCapacityStatus';
/** Where `capacity` and `no-capacity` are defined (SDOHCC-CodeSystemTemporaryCodes). */
export const SDOHCC_TEMPORARY_CODES =
  'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes';

export const FHIR_JSON = 'application/fhir+json';
export const JSON_PATCH = 'application/json-patch+json';
