import { systemActor } from '../../src/platform/http/actor';

export const actorFor = () => systemActor('test');
