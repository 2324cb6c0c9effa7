// The benchmark's app command for Amplify Gen 2: defines the sample backend (or, with BENCH_MODELS=N, the scale
// backend), then asks for the synth as ampx does: Amplify's default stack synthesizes its app when the process
// receives the message 'amplifySynth'.
await import(process.env.BENCH_MODELS ? './scale/amplify/backend.js' : './amplify/backend.js');
process.emit('message', 'amplifySynth', undefined);
