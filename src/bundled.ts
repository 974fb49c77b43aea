/**
 * The rulesets and parameter files shipped with the package, one folder per jurisdiction under
 * `rulesets/`. They are bundled into the build, so nothing is read from disk at run time.
 */
import shaoyangJurisdiction from '../rulesets/cn.hunan.shaoyang/jurisdiction.json';
import shaoyangParameters from '../rulesets/cn.hunan.shaoyang/parameters.json';
import shaoyang2020 from '../rulesets/cn.hunan.shaoyang/ruleset.2020-01-01.json';
import shanghaiJurisdiction from '../rulesets/cn.shanghai/jurisdiction.json';
import shanghaiParameters from '../rulesets/cn.shanghai/parameters.json';
import gucunJurisdiction from '../rulesets/cn.shanghai.baoshan.gucun/jurisdiction.json';
import gucunParameters from '../rulesets/cn.shanghai.baoshan.gucun/parameters.json';
import gucun2022 from '../rulesets/cn.shanghai.baoshan.gucun/ruleset.2022-04-01.json';
import taizhouJurisdiction from '../rulesets/cn.zhejiang.taizhou/jurisdiction.json';
import taizhouParameters from '../rulesets/cn.zhejiang.taizhou/parameters.json';
import taizhou2019 from '../rulesets/cn.zhejiang.taizhou/ruleset.2019-08-09.json';
import shaoyang2020v110 from '../rulesets/cn.hunan.shaoyang/archive/1.1.0.json';
import gucun2022v100 from '../rulesets/cn.shanghai.baoshan.gucun/archive/1.0.0.json';
import gucun2022v110 from '../rulesets/cn.shanghai.baoshan.gucun/archive/1.1.0.json';
import taizhou2019v100 from '../rulesets/cn.zhejiang.taizhou/archive/1.0.0.json';
import taizhou2019v110 from '../rulesets/cn.zhejiang.taizhou/archive/1.1.0.json';

/** Bundled ruleset files. */
export const BUNDLED_RULESETS: readonly unknown[] = [shaoyang2020, taizhou2019, gucun2022];

/** Bundled parameter files. */
export const BUNDLED_PARAMETERS: readonly unknown[] = [shaoyangParameters, taizhouParameters, shanghaiParameters, gucunParameters];

/** Bundled jurisdiction files: names and the kinds each is the default for. */
export const BUNDLED_JURISDICTIONS: readonly unknown[] = [shaoyangJurisdiction, taizhouJurisdiction, shanghaiJurisdiction, gucunJurisdiction];

/**
 * Superseded and corrected versions, kept byte for byte under `rulesets/<jurisdiction>/archive/<version>.json`
 * and found by content hash, so that every record made under them still replays exactly.
 * `createEngine()` loads them (with the caller's `archive`); they never decide a new request.
 */
export const BUNDLED_ARCHIVE: readonly unknown[] = [shaoyang2020v110, taizhou2019v100, taizhou2019v110, gucun2022v100, gucun2022v110];
