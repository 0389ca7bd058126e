// replaced below
export {};
