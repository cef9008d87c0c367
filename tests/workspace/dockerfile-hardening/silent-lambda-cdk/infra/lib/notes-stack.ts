import { Stack, StackProps } from "aws-cdk-lib";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { Construct } from "constructs";

export class NotesStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    new lambda.Function(this, "NotesApi", {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: "app.handler",
      code: lambda.Code.fromAsset("../api/dist"),
    });
  }
}
