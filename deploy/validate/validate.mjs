// Validates Kubernetes and KServe manifests offline.
//
//   node validate.mjs GOOD.yaml... [--invalid BROKEN.yaml...]
//
// Each YAML document is checked against its schema: Kubernetes kinds against the schemas that
// kubernetes-models generates from the Kubernetes OpenAPI document, KServe kinds against
// kserve.schema.json (their containers against the Kubernetes Container schema). Then a few
// checks a cluster would only show at run time: a workload's selector matches its pod labels,
// probes name a declared port, and every PersistentVolumeClaim, Secret and ServingRuntime a
// document refers to is defined by one of the files given.
// The files after --invalid are broken on purpose, each in one way: each must be rejected (a check
// of the checks themselves). Prints one line per document and `manifests: N passed, M failed`;
// exits 1 on any failure.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import Ajv from "ajv";
import { Container } from "kubernetes-models/v1/Container";

const args = process.argv.slice(2);
const split = args.indexOf("--invalid");
const goodFiles = split < 0 ? args : args.slice(0, split);
const brokenFiles = split < 0 ? [] : args.slice(split + 1);

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addSchema(JSON.parse(readFileSync(new URL("kserve.schema.json", import.meta.url))), "kserve");

async function schemaErrors(doc) {
  const [group, version] = doc.apiVersion.includes("/") ? doc.apiVersion.split("/") : ["", doc.apiVersion];
  if (group === "serving.kserve.io") {
    const validate = ajv.getSchema(`kserve#/definitions/${doc.kind === "ClusterServingRuntime" ? "ServingRuntime" : doc.kind}`);
    if (!validate) return [`no schema for ${doc.apiVersion} ${doc.kind}`];
    const errors = validate(doc) ? [] : validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}`
        + (e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ""));
    for (const [i, c] of (doc.spec?.containers ?? []).entries()) errors.push(...modelErrors(Container, c, `/spec/containers/${i}`));
    return errors;
  }
  let model;
  try {
    const module = await import(`kubernetes-models/${group ? group + "/" : ""}${version}/${doc.kind}`);
    model = module[doc.kind];
  } catch {
    return [`no Kubernetes schema for ${doc.apiVersion} ${doc.kind}`];
  }
  return modelErrors(model, doc, "");
}

function modelErrors(Model, data, prefix) {
  try {
    new Model(data).validate();
    return [];
  } catch (e) {
    return (e.errors ?? [{ instancePath: "", message: e.message }]).map((x) => `${prefix}${x.instancePath || "/"} ${x.message}`);
  }
}

function podSpecOf(doc) {
  if (doc.kind === "ServingRuntime" || doc.kind === "ClusterServingRuntime") return doc.spec;
  return doc.spec?.template?.spec;
}

function consistencyErrors(doc, defined) {
  const errors = [];
  const template = doc.spec?.template;
  const matchLabels = doc.spec?.selector?.matchLabels;
  if (template && matchLabels) {
    for (const [k, v] of Object.entries(matchLabels)) {
      if (template.metadata?.labels?.[k] !== v) errors.push(`/spec/selector/matchLabels ${k}=${v} is not a label of the pod template`);
    }
  }
  const pod = podSpecOf(doc);
  for (const c of pod?.containers ?? []) {
    const names = new Set((c.ports ?? []).map((p) => p.name).filter(Boolean));
    for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) {
      const port = c[probe]?.httpGet?.port;
      if (typeof port === "string" && !names.has(port)) errors.push(`container ${c.name}: ${probe} names port '${port}', which it does not declare`);
    }
    for (const e of c.env ?? []) {
      const ref = e.valueFrom?.secretKeyRef;
      if (ref && !defined.has(`Secret/${ref.name}`)) errors.push(`container ${c.name}: env ${e.name} refers to Secret '${ref.name}', defined nowhere`);
    }
  }
  for (const v of pod?.volumes ?? []) {
    const claim = v.persistentVolumeClaim?.claimName;
    if (claim && !defined.has(`PersistentVolumeClaim/${claim}`)) errors.push(`volume ${v.name} refers to PersistentVolumeClaim '${claim}', defined nowhere`);
  }
  const runtime = doc.spec?.predictor?.model?.runtime;
  if (doc.kind === "InferenceService" && runtime && !defined.has(`ServingRuntime/${runtime}`)) {
    errors.push(`/spec/predictor/model/runtime '${runtime}' is no ServingRuntime defined here`);
  }
  return errors;
}

function load(files) {
  const docs = [];
  for (const file of files) {
    parseAllDocuments(readFileSync(file, "utf8")).forEach((d, i) => {
      if (d.errors.length) docs.push({ file, index: i, parseErrors: d.errors.map((e) => e.message) });
      else if (d.contents !== null) docs.push({ file, index: i, doc: d.toJSON() });
    });
  }
  return docs;
}

let passed = 0;
let failed = 0;
async function check(files, expectInvalid) {
  const docs = load(files);
  const defined = new Set(docs.filter((d) => d.doc).map((d) => `${d.doc.kind}/${d.doc.metadata?.name}`));
  for (const { file, index, doc, parseErrors } of docs) {
    const where = `${file}#${index + 1}`;
    const errors = parseErrors ?? (typeof doc?.apiVersion === "string" && doc.kind
      ? [...(await schemaErrors(doc)), ...consistencyErrors(doc, defined)]
      : ["no apiVersion and kind"]);
    const label = doc?.kind ? `${doc.kind}/${doc.metadata?.name}` : "";
    if ((errors.length === 0) !== expectInvalid) {
      passed++;
      console.log(`ok      ${where} ${label}${expectInvalid ? " rejected: " + errors[0] : ""}`);
    } else {
      failed++;
      console.log(`FAILED  ${where} ${label}${expectInvalid ? " was accepted, but it is broken on purpose" : ""}`);
      for (const e of errors) console.log(`          ${e}`);
    }
  }
}
await check(goodFiles, false);
await check(brokenFiles, true);
console.log(`manifests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
