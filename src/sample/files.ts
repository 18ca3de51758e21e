// Where the generated sample workbooks live in the repository, and how to write them.
import { writeFile } from 'node:fs/promises';
import { appPath } from '../paths';
import { invalidRegister, sampleRegister } from './generate';
import { sampleWorkbookBytes } from './workbook';

/** The sample register the sandbox loads and the tests import (generated; `npm run sample` rewrites it). */
export const SAMPLE_REGISTER = appPath('sample', 'registry-sample.xlsx');
/** The same layout with six defects, for the importer's error report. */
export const INVALID_REGISTER = appPath('sample', 'registry-invalid.xlsx');

export const sampleBytes = () => sampleWorkbookBytes(sampleRegister());
export const invalidBytes = () => sampleWorkbookBytes(invalidRegister());

export async function writeSampleFiles(): Promise<string[]> {
  await writeFile(SAMPLE_REGISTER, await sampleBytes());
  await writeFile(INVALID_REGISTER, await invalidBytes());
  return [SAMPLE_REGISTER, INVALID_REGISTER];
}
