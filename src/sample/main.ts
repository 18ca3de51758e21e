// `npm run sample`: rewrites sample/registry-sample.xlsx and sample/registry-invalid.xlsx from their seeds.
import { writeSampleFiles } from './files';

for (const path of await writeSampleFiles()) process.stdout.write(`已生成 ${path}\n`);
